// The first step of `npm start` (in the script itself: with ignore-scripts=true
// in .npmrc npm runs no prestart): says in one line which Node this project
// needs and which one runs, instead of a failure far away. Plain ES5 in CommonJS (.cjs: an old
// Node loads it as a script, where .mjs would fail before a word is printed), no
// require(): it must run on whatever Node a newcomer has.
/* global process, module, require */
'use strict';

// The same as package.json "engines" (a unit test keeps them equal).
var REQUIRED = '22.13.0';

function parts(version) {
  return String(version)
    .replace(/^v/, '')
    .split('.')
    .map(function (n) {
      return parseInt(n, 10) || 0;
    });
}

/** True when `version` is at least `required` (both "major.minor.patch"). */
function satisfies(version, required) {
  var have = parts(version);
  var need = parts(required);
  for (var i = 0; i < 3; i += 1) {
    if ((have[i] || 0) !== (need[i] || 0)) return (have[i] || 0) > (need[i] || 0);
  }
  return true;
}

/** The message for a Node that is too old (zh-CN, then English), or null when it will do. */
function nodeVersionMessage(version, execPath, required) {
  if (satisfies(version, required)) return null;
  var v = String(version).replace(/^v/, '');
  return (
    'Hotline Desk 需要 Node.js ' + required + ' 或更高版本，当前运行的是 ' + v + '（' + execPath + '）。' +
    '请安装 Node.js 22 LTS：https://nodejs.org/zh-cn/download （国内镜像 https://npmmirror.com/mirrors/node/ ），再重新运行本命令。\n' +
    'Hotline Desk needs Node.js ' + required + ' or newer; this is ' + v + ' (' + execPath + '). ' +
    'Install Node.js 22 LTS from https://nodejs.org/en/download (in China: https://npmmirror.com/mirrors/node/) and run the command again.\n'
  );
}

module.exports = { REQUIRED: REQUIRED, satisfies: satisfies, nodeVersionMessage: nodeVersionMessage };

if (require.main === module) {
  var message = nodeVersionMessage(process.versions.node, process.execPath, REQUIRED);
  if (message) {
    process.stderr.write(message);
    process.exit(1);
  }
}
