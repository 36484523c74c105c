import type { AgentProfile, Language } from '../domain/settings';

/**
 * The opening line an agent says on answer. The norm asks for the hotline's
 * name, the city and the agent's work number; the wording is our own.
 */
const GREETINGS: Record<Language, (agent: AgentProfile) => string> = {
  'zh-CN': ({ city, workNumber }) =>
    `您好！这里是${city}12345政务服务便民热线，我是${workNumber}号话务员，很高兴为您服务。请问您遇到了什么事情？`,
  en: ({ city, workNumber }) =>
    `Hello, you've reached the ${city} 12345 citizen service hotline. I'm agent number ${workNumber}, and I'm glad to help. What can I do for you today?`,
};

export function renderGreeting(language: Language, agent: AgentProfile): string {
  return GREETINGS[language]({ city: agent.city.trim(), workNumber: agent.workNumber.trim() });
}
