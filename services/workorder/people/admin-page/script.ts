// The admin screen's script (served as /admin/admin.js): plain browser JavaScript, kept as a string so
// the bundled CLI and the embedded service serve it without files on disk (String.raw: no backticks inside).
export const ADMIN_JS = String.raw`
'use strict';
// The admin screen of the centre service: sign in as a person with the admin role, then
// people and teams over /v1/admin/... The token lives in this page's memory only.
(function () {
  const WORDS = {
    zh: {
      title: '坐席与班组管理', signInTitle: '管理员登录', workNumber: '工号', password: '密码', signIn: '登录', signOut: '退出',
      liveSessions: '在线会话', desk: '坐席端', since: '登录时间', until: '到期时间',
      people: '人员', name: '姓名', team: '班组', roles: '角色', state: '状态', sessions: '在线会话', sip: '分机账号', actions: '操作',
      newPerson: '新建人员', leadsTeams: '另外带的班组（逗号分隔，仅班长）', firstPassword: '初始密码（留空则自动生成）', create: '创建',
      teams: '班组', teamId: '班组编号', teamName: '班组名称', createTeam: '新建班组',
      'role.agent': '话务员', 'role.lead': '班长', 'role.trainer': '培训师', 'role.admin': '管理员', 'role.editor': '知识编辑', 'role.inspector': '质检员',
      active: '正常', disabled: '已停用', lockedUntil: '已锁定至 ', yes: '已配置', no: '未配置',
      resetPassword: '重置密码', forceSignOut: '强制下线', disable: '停用', enable: '启用', editSip: '分机账号',
      centre: '中心设置（登录时下发给坐席端）', city: '城市', sipServers: 'SIP 服务器（每行一个 wss:// 地址，第一个为主用）',
      acwSeconds: '话后整理时限（秒）', autoAnswerSeconds: '自动应答（秒，留空为不自动应答）', departments: '承办部门',
      departmentLines: '每行一个：编号|中文名|英文名', centreSaved: '中心设置已保存，坐席下次登录时生效。', departmentsSaved: '已保存 {0} 个承办部门。',
      'error.centre': '请检查：城市必填，SIP 服务器须为 wss:// 地址。', 'error.departments': '部门格式不对：每行 编号|中文名|英文名，编号用小写字母、数字和 -，且不重复。',
      sipUri: 'SIP 地址', authUser: '认证用户名', sipPassword: '分机密码', save: '保存', clearSip: '清除分机账号', cancel: '取消',
      sipSaved: '已保存{0}的分机账号。', sipCleared: '已清除{0}的分机账号。', 'error.sip': 'SIP 地址应形如 sip:0307@centre.example。',
      confirmReset: '为{0}生成新密码？旧密码立即失效。', confirmSignOut: '让{0}的所有坐席端立即下线？', confirmDisable: '停用{0}？其所有会话会立即结束。',
      newPasswordFor: '{0}的新密码（只显示这一次，请当面交给本人）：', createdWith: '已创建{0}，初始密码（只显示这一次）：', created: '已创建{0}。',
      signedOut: '已让{0}的 {1} 个会话下线。', teamCreated: '已新建班组{0}。', lang: 'English',
      'error.unknown_work_number': '没有这个工号。', 'error.wrong_password': '密码不正确。', 'error.locked_out': '密码错误次数过多，请稍后再试。',
      'error.person_disabled': '此账号已停用。', 'error.not_admin': '此账号没有管理员权限。', 'error.token_revoked': '登录已失效，请重新登录。',
      'error.token_expired': '登录已过期，请重新登录。', 'error.centre-not-configured': '中心尚未配置（先运行 admin set-centre）。',
      'error.work-number-taken': '工号已被使用。', 'error.team-exists': '班组编号已存在。', 'error.no-team': '班组不存在。',
      'error.invalid-payload': '填写的内容不符合要求（密码至少 8 位）。', 'error.forbidden': '没有权限。', 'error.network': '连不上中心服务。',
      'error.busy': '服务繁忙，请稍后再试。', 'error.other': '操作失败。',
    },
    en: {
      title: 'People and teams', signInTitle: 'Administrator sign-in', workNumber: 'Work number', password: 'Password', signIn: 'Sign in', signOut: 'Sign out',
      liveSessions: 'Live sessions', desk: 'Desk', since: 'Signed in', until: 'Expires',
      people: 'People', name: 'Name', team: 'Team', roles: 'Roles', state: 'State', sessions: 'Live sessions', sip: 'SIP account', actions: 'Actions',
      newPerson: 'New person', leadsTeams: 'Also leads teams (comma-separated, leads only)', firstPassword: 'First password (blank: generated)', create: 'Create',
      teams: 'Teams', teamId: 'Team id', teamName: 'Team name', createTeam: 'New team',
      'role.agent': 'Agent', 'role.lead': 'Team lead', 'role.trainer': 'Trainer', 'role.admin': 'Administrator', 'role.editor': 'Editor', 'role.inspector': 'Quality inspector',
      active: 'Active', disabled: 'Disabled', lockedUntil: 'Locked until ', yes: 'Set', no: 'Not set',
      resetPassword: 'Reset password', forceSignOut: 'Sign out', disable: 'Disable', enable: 'Enable', editSip: 'SIP account',
      centre: "Centre settings (handed to desks at sign-in)", city: 'City', sipServers: 'SIP servers (one wss:// address per line, the first is primary)',
      acwSeconds: 'After-call work limit (seconds)', autoAnswerSeconds: 'Auto-answer (seconds; blank: off)', departments: 'Departments',
      departmentLines: 'One per line: id|Chinese name|English name', centreSaved: 'Centre settings saved; desks get them at their next sign-in.',
      departmentsSaved: 'Saved {0} departments.', 'error.centre': 'Check: the city is required; SIP servers are wss:// addresses.',
      'error.departments': 'Departments: one id|Chinese|English per line; ids in lower-case letters, digits and -, each once.',
      sipUri: 'SIP URI', authUser: 'Auth user', sipPassword: 'SIP password', save: 'Save', clearSip: 'Clear SIP account', cancel: 'Cancel',
      sipSaved: 'Saved the SIP account of {0}.', sipCleared: 'Cleared the SIP account of {0}.', 'error.sip': 'A SIP URI looks like sip:0307@centre.example.',
      confirmReset: 'Make a new password for {0}? The old one stops working at once.', confirmSignOut: 'Sign out every desk of {0} now?',
      confirmDisable: 'Disable {0}? All their sessions end at once.',
      newPasswordFor: 'New password of {0} (shown this once; hand it over in person):', createdWith: 'Created {0}; first password (shown this once):',
      created: 'Created {0}.', signedOut: 'Signed out {1} sessions of {0}.', teamCreated: 'Created team {0}.', lang: '中文',
      'error.unknown_work_number': 'No one has this work number.', 'error.wrong_password': 'The password is wrong.',
      'error.locked_out': 'Too many wrong passwords; try again later.', 'error.person_disabled': 'This account is disabled.',
      'error.not_admin': 'This account is not an administrator.', 'error.token_revoked': 'Your session was ended; sign in again.',
      'error.token_expired': 'Your session expired; sign in again.', 'error.centre-not-configured': 'The centre is not set up yet (run admin set-centre).',
      'error.work-number-taken': 'The work number is taken.', 'error.team-exists': 'The team id exists.', 'error.no-team': 'No such team.',
      'error.invalid-payload': 'Something entered is not accepted (passwords: 8 characters or more).', 'error.forbidden': 'Not allowed.',
      'error.network': 'The centre service cannot be reached.', 'error.busy': 'The service is busy; try again shortly.', 'error.other': 'That failed.',
    },
  };
  let lang = (navigator.language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  let token = null;
  let me = null;
  let teams = [];
  const $ = (selector) => document.querySelector(selector);
  const field = (form, name) => form.elements.namedItem(name);
  const t = (key, ...args) => (WORDS[lang][key] ?? key).replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));

  class ApiError extends Error {
    constructor(status, code) {
      super(code);
      this.status = status;
      this.code = code;
    }
  }

  async function api(method, path, body) {
    const headers = {};
    if (token) headers.authorization = 'Bearer ' + token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'network');
    }
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (response.ok) return data;
    const code = data && data.error ? data.error.code : 'other';
    if (token && response.status === 401) signOut(code);
    throw new ApiError(response.status, code);
  }

  const errorText = (error) => {
    const key = 'error.' + (error instanceof ApiError ? error.code : 'other');
    return key in WORDS[lang] ? t(key) : t('error.other');
  };

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) node.append(child);
    return node;
  }

  function notice(text, secret, isError) {
    const box = $('#notice');
    box.replaceChildren(text, ...(secret ? [' ', el('code', { textContent: secret })] : []));
    box.className = isError ? 'error' : '';
    box.hidden = false;
  }

  function translate() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title') + ' · Hotline Desk';
    for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
    $('#lang').textContent = t('lang');
    if (me) render();
  }

  function signOut(code) {
    if (token) fetch('/v1/sign-out', { method: 'POST', headers: { authorization: 'Bearer ' + token } }).catch(() => undefined);
    token = null;
    me = null;
    $('#admin-view').hidden = true;
    $('#sign-in-view').hidden = false;
    $('#sign-out').hidden = true;
    $('#who').textContent = '';
    $('#sign-in-error').textContent = code ? errorText(new ApiError(401, code)) : '';
  }

  async function signIn(event) {
    event.preventDefault();
    const form = event.target;
    $('#sign-in-error').textContent = '';
    try {
      const answer = await api('POST', '/v1/admin/sign-in', {
        workNumber: field(form, 'workNumber').value.trim(),
        password: field(form, 'password').value,
        deskId: 'admin-screen',
      });
      field(form, 'password').value = '';
      token = answer.token;
      me = answer.person;
      $('#who').textContent = me.name + '（' + me.workNumber + '）';
      $('#sign-in-view').hidden = true;
      $('#admin-view').hidden = false;
      $('#sign-out').hidden = false;
      await Promise.all([load(), loadCentre()]);
    } catch (error) {
      $('#sign-in-error').textContent = error instanceof ApiError && error.code === 'forbidden' ? t('error.not_admin') : errorText(error);
    }
  }

  let people = [];
  let sessions = [];
  /** The work number whose SIP account is being edited (a form row under theirs). */
  let editingSip = null;

  function sipEditor(person, label, path) {
    const input = (name, type) => el('input', { name, type: type || 'text', required: true, maxLength: 256 });
    const form = el(
      'form',
      { className: 'sip-editor' },
      el('label', {}, el('span', { textContent: t('sipUri') }), input('uri')),
      el('label', {}, el('span', { textContent: t('authUser') }), input('authUser')),
      el('label', {}, el('span', { textContent: t('sipPassword') }), input('password', 'password')),
      el('button', { type: 'submit', textContent: t('save') }),
      el('button', {
        type: 'button',
        textContent: t('cancel'),
        onclick: () => {
          editingSip = null;
          render();
        },
      }),
    );
    field(form, 'authUser').value = person.workNumber;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!/^sips?:[^\s@]+@[^\s@]+$/.test(field(form, 'uri').value.trim())) {
        notice(t('error.sip'), null, true);
        return;
      }
      try {
        await api('PUT', path + '/sip', {
          uri: field(form, 'uri').value.trim(),
          authUser: field(form, 'authUser').value.trim(),
          password: field(form, 'password').value,
        });
        editingSip = null;
        notice(t('sipSaved', label));
        await load();
      } catch (error) {
        notice(errorText(error), null, true);
      }
    });
    const cells = [form];
    if (person.hasSip) {
      cells.push(
        action(t('clearSip'), 'danger', null, async () => {
          await api('DELETE', path + '/sip');
          editingSip = null;
          notice(t('sipCleared', label));
        }),
      );
    }
    return el('tr', {}, el('td', { colSpan: 8 }, ...cells));
  }
  async function load() {
    const [peopleAnswer, teamsAnswer, sessionsAnswer] = await Promise.all([
      api('GET', '/v1/admin/people'),
      api('GET', '/v1/admin/teams'),
      api('GET', '/v1/admin/sessions'),
    ]);
    people = peopleAnswer.people;
    teams = teamsAnswer.teams;
    sessions = sessionsAnswer.sessions;
    render();
  }

  async function loadCentre() {
    const answer = await api('GET', '/v1/admin/centre');
    const form = $('#centre-form');
    const settings = answer.settings || { city: '', sipServers: [], afterCallWorkSeconds: 60, autoAnswerSeconds: null };
    field(form, 'city').value = settings.city;
    field(form, 'sipServers').value = settings.sipServers.join('\n');
    field(form, 'acwSeconds').value = String(settings.afterCallWorkSeconds);
    field(form, 'autoAnswerSeconds').value = settings.autoAnswerSeconds === null ? '' : String(settings.autoAnswerSeconds);
    field($('#departments-form'), 'text').value = answer.departments.map((d) => [d.id, d.zh, d.en].join('|')).join('\n');
  }

  async function saveCentre(event) {
    event.preventDefault();
    const form = event.target;
    const servers = field(form, 'sipServers').value.split(/[\s,，]+/).filter(Boolean);
    const autoAnswer = field(form, 'autoAnswerSeconds').value.trim();
    const body = {
      city: field(form, 'city').value.trim(),
      afterCallWorkSeconds: Number(field(form, 'acwSeconds').value),
      autoAnswerSeconds: autoAnswer === '' ? null : Number(autoAnswer),
    };
    if (servers.length > 0) body.sipServers = servers;
    try {
      await api('PATCH', '/v1/admin/centre', body);
      notice(t('centreSaved'));
      await loadCentre();
    } catch (error) {
      notice(error instanceof ApiError && error.code === 'invalid-payload' ? t('error.centre') : errorText(error), null, true);
    }
  }

  async function saveDepartments(event) {
    event.preventDefault();
    try {
      const answer = await api('PUT', '/v1/admin/departments', { text: field(event.target, 'text').value });
      notice(t('departmentsSaved', answer.departments));
      await loadCentre();
    } catch (error) {
      notice(error instanceof ApiError && error.code === 'invalid-payload' ? t('error.departments') : errorText(error), null, true);
    }
  }

  const when = (ms) =>
    new Date(ms).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

  function action(label, className, confirmText, work) {
    return el('button', {
      type: 'button',
      className,
      textContent: label,
      onclick: async () => {
        if (confirmText && !window.confirm(confirmText)) return;
        try {
          await work();
          await load();
        } catch (error) {
          notice(errorText(error), null, true);
        }
      },
    });
  }

  function render() {
    const teamName = (id) => (teams.find((team) => team.id === id) || { name: id }).name;
    $('#people tbody').replaceChildren(
      ...people.flatMap((person) => {
        const path = '/v1/admin/people/' + encodeURIComponent(person.workNumber);
        const label = person.name + '（' + person.workNumber + '）';
        const state = person.disabled
          ? t('disabled')
          : person.lockedUntil
            ? t('lockedUntil') + new Date(person.lockedUntil).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en')
            : t('active');
        const row = el(
          'tr',
          { className: person.disabled ? 'muted' : '' },
          el('td', { textContent: person.workNumber }),
          el('td', { textContent: person.name }),
          el('td', { textContent: teamName(person.teamId) }),
          el('td', { textContent: person.roles.map((role) => t('role.' + role)).join(lang === 'zh' ? '、' : ', ') }),
          el('td', { textContent: state }),
          el('td', { textContent: String(person.liveSessions) }),
          el('td', { textContent: person.hasSip ? t('yes') : t('no') }),
          el(
            'td',
            { className: 'actions' },
            action(t('resetPassword'), '', t('confirmReset', label), async () => {
              const answer = await api('POST', path + '/password', {});
              notice(t('newPasswordFor', label), answer.password);
            }),
            el('button', {
              type: 'button',
              textContent: t('editSip'),
              onclick: () => {
                editingSip = editingSip === person.workNumber ? null : person.workNumber;
                render();
              },
            }),
            action(t('forceSignOut'), '', t('confirmSignOut', label), async () => {
              const answer = await api('POST', path + '/sign-out');
              notice(t('signedOut', label, answer.revoked));
            }),
            person.personId === me.personId
              ? ''
              : person.disabled
              ? action(t('enable'), '', null, () => api('PUT', path + '/disabled', { disabled: false }))
              : action(t('disable'), 'danger', t('confirmDisable', label), () => api('PUT', path + '/disabled', { disabled: true })),
          ),
        );
        return editingSip === person.workNumber ? [row, sipEditor(person, label, path)] : [row];
      }),
    );
    const nameOf = (workNumber) => (people.find((person) => person.workNumber === workNumber) || { name: '' }).name;
    $('#sessions tbody').replaceChildren(
      ...sessions.map((session) =>
        el(
          'tr',
          {},
          el('td', { textContent: session.workNumber }),
          el('td', { textContent: nameOf(session.workNumber) }),
          el('td', { textContent: session.label.replace(/^desk /, '') }),
          el('td', { textContent: when(session.createdAt) }),
          el('td', { textContent: when(session.expiresAt) }),
        ),
      ),
    );
    $('#teams').replaceChildren(...teams.map((team) => el('li', { textContent: team.id + ' · ' + team.name })));
    const select = field($('#person-form'), 'teamId');
    const chosen = select.value;
    select.replaceChildren(...teams.map((team) => el('option', { value: team.id, textContent: team.name + '（' + team.id + '）' })));
    if (chosen) select.value = chosen;
  }

  async function createPerson(event) {
    event.preventDefault();
    const form = event.target;
    const roles = [...form.querySelectorAll('input[name="roles"]:checked')].map((box) => box.value);
    const leads = field(form, 'leadsTeams').value.split(/[,，\s]+/).filter(Boolean);
    const body = { workNumber: field(form, 'workNumber').value.trim(), name: field(form, 'name').value.trim(), teamId: field(form, 'teamId').value, roles, leadsTeams: leads };
    if (field(form, 'password').value) body.password = field(form, 'password').value;
    try {
      const answer = await api('POST', '/v1/admin/people', body);
      form.reset();
      const label = answer.person.name + '（' + answer.person.workNumber + '）';
      if (answer.password) notice(t('createdWith', label), answer.password);
      else notice(t('created', label));
      await load();
    } catch (error) {
      notice(errorText(error), null, true);
    }
  }

  async function createTeam(event) {
    event.preventDefault();
    const form = event.target;
    try {
      const team = await api('POST', '/v1/admin/teams', { id: field(form, 'id').value.trim(), name: field(form, 'name').value.trim() });
      form.reset();
      notice(t('teamCreated', team.name));
      await load();
    } catch (error) {
      notice(errorText(error), null, true);
    }
  }

  $('#sign-in-form').addEventListener('submit', signIn);
  $('#person-form').addEventListener('submit', createPerson);
  $('#team-form').addEventListener('submit', createTeam);
  $('#centre-form').addEventListener('submit', saveCentre);
  $('#departments-form').addEventListener('submit', saveDepartments);
  $('#sign-out').addEventListener('click', () => signOut());
  $('#lang').addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    translate();
  });
  translate();
})();
`;
