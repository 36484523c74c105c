export { ScriptedCallSource } from './scripted-call-source';
