/** The admin screen's page: words are filled in by admin.js (zh-CN, or English), never inline script or style. */
export const ADMIN_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>坐席与班组管理 · Hotline Desk</title>
<link rel="stylesheet" href="/admin/admin.css">
<link rel="icon" href="/admin/icon.svg">
<script src="/admin/admin.js" defer></script>
</head>
<body>
<header>
  <h1 data-t="title">坐席与班组管理</h1>
  <span id="who"></span>
  <button id="lang" type="button">English</button>
  <button id="sign-out" type="button" data-t="signOut" hidden>退出</button>
</header>
<main>
  <section id="sign-in-view">
    <form id="sign-in-form">
      <h2 data-t="signInTitle">管理员登录</h2>
      <label><span data-t="workNumber">工号</span><input name="workNumber" autocomplete="username" required maxlength="16"></label>
      <label><span data-t="password">密码</span><input name="password" type="password" autocomplete="current-password" required maxlength="256"></label>
      <button type="submit" data-t="signIn">登录</button>
      <p class="error" id="sign-in-error" role="alert"></p>
    </form>
  </section>
  <section id="admin-view" hidden>
    <div id="notice" role="status" hidden></div>
    <h2 data-t="people">人员</h2>
    <table id="people">
      <thead><tr>
        <th data-t="workNumber">工号</th><th data-t="name">姓名</th><th data-t="team">班组</th><th data-t="roles">角色</th>
        <th data-t="state">状态</th><th data-t="sessions">在线会话</th><th data-t="sip">分机账号</th><th data-t="actions">操作</th>
      </tr></thead>
      <tbody></tbody>
    </table>
    <h2 data-t="liveSessions">在线会话</h2>
    <table id="sessions">
      <thead><tr>
        <th data-t="workNumber">工号</th><th data-t="name">姓名</th><th data-t="desk">坐席端</th><th data-t="since">登录时间</th><th data-t="until">到期时间</th>
      </tr></thead>
      <tbody></tbody>
    </table>
    <div class="forms">
      <form id="person-form">
        <h2 data-t="newPerson">新建人员</h2>
        <label><span data-t="workNumber">工号</span><input name="workNumber" required maxlength="16" pattern="[0-9A-Za-z\\-]+"></label>
        <label><span data-t="name">姓名</span><input name="name" required maxlength="64"></label>
        <label><span data-t="team">班组</span><select name="teamId" required></select></label>
        <fieldset><legend data-t="roles">角色</legend>
          <label class="inline"><input type="checkbox" name="roles" value="agent" checked><span data-t="role.agent">话务员</span></label>
          <label class="inline"><input type="checkbox" name="roles" value="lead"><span data-t="role.lead">班长</span></label>
          <label class="inline"><input type="checkbox" name="roles" value="trainer"><span data-t="role.trainer">培训师</span></label>
          <label class="inline"><input type="checkbox" name="roles" value="admin"><span data-t="role.admin">管理员</span></label>
          <label class="inline"><input type="checkbox" name="roles" value="editor"><span data-t="role.editor">知识编辑</span></label>
          <label class="inline"><input type="checkbox" name="roles" value="inspector"><span data-t="role.inspector">质检员</span></label>
        </fieldset>
        <label><span data-t="leadsTeams">另外带的班组（逗号分隔，仅班长）</span><input name="leadsTeams" maxlength="300"></label>
        <label><span data-t="firstPassword">初始密码（留空则自动生成）</span><input name="password" type="password" autocomplete="new-password" maxlength="256"></label>
        <button type="submit" data-t="create">创建</button>
      </form>
      <form id="team-form">
        <h2 data-t="teams">班组</h2>
        <ul id="teams"></ul>
        <label><span data-t="teamId">班组编号</span><input name="id" required maxlength="64" pattern="[A-Za-z0-9][A-Za-z0-9._\\-]*"></label>
        <label><span data-t="teamName">班组名称</span><input name="name" required maxlength="64"></label>
        <button type="submit" data-t="createTeam">新建班组</button>
      </form>
    </div>
    <div class="forms">
      <form id="centre-form">
        <h2 data-t="centre">中心设置（登录时下发给坐席端）</h2>
        <label><span data-t="city">城市</span><input name="city" required maxlength="32"></label>
        <label><span data-t="sipServers">SIP 服务器（每行一个 wss:// 地址，第一个为主用）</span><textarea name="sipServers" rows="3"></textarea></label>
        <label><span data-t="acwSeconds">话后整理时限（秒）</span><input name="acwSeconds" type="number" min="0" max="3600" required></label>
        <label><span data-t="autoAnswerSeconds">自动应答（秒，留空为不自动应答）</span><input name="autoAnswerSeconds" type="number" min="0" max="30"></label>
        <button type="submit" data-t="save">保存</button>
      </form>
      <form id="departments-form">
        <h2 data-t="departments">承办部门</h2>
        <label><span data-t="departmentLines">每行一个：编号|中文名|英文名</span><textarea name="text" rows="10"></textarea></label>
        <button type="submit" data-t="save">保存</button>
      </form>
    </div>
  </section>
</main>
</body>
</html>
`;
