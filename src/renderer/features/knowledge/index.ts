export { KnowledgePane } from './components/KnowledgePane';
export { resetKnowledge, useKnowledgeStore } from './knowledge-store';
