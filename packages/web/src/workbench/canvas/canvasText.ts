import { CANVAS_QUESTIONS, CANVAS_SECTION_TITLES, type CanvasSectionId } from '@tweeling/core';
import type { Lang } from '../../i18n/index.js';

/** English titles of the canvas sections (the Dutch ones come from @tweeling/core). */
const TITLES_EN: Record<CanvasSectionId, string> = {
  maatschappelijkeWaarde: '1. Societal value — what to solve and why',
  belanghebbenden: '2. Stakeholders, wishes and expectations — with whom, for whom and what for',
  ontwerp: '3. The design — in what way',
  userStories: '4. User stories — wishes and needs of users',
  prototesten: '5. Prototype tests — towards a prototype digital twin',
  inPraktijk: '6. The digital twin in practice — evaluation, use and embedding',
  light: 'Use-case canvas light',
};

/** English guiding questions, by section and question (the Dutch ones come from @tweeling/core). */
const QUESTIONS_EN: { [S in CanvasSectionId]: Record<keyof (typeof CANVAS_QUESTIONS)[S], string> } = {
  maatschappelijkeWaarde: {
    vraagstukken: 'Which question (or questions) do we want to solve?',
    voorWie: 'For whom is it a problem?',
    wieHeeftLast: 'And who suffers from it?',
    maatschappelijkeOpgave: 'Which societal challenge lies beneath the question?',
    maatschappelijkeWaarde: 'Which societal value do we want to realise?',
    knelpunten: 'What are the biggest bottlenecks? And why?',
    kansrijkVraagstuk: 'Which question is the most promising to start with?',
    doelen: 'What are our substantive goals, and why do we find them important?',
    indicatoren: 'What are the indicators?',
    wettelijkKader: 'Which legal framework lies beneath the question?',
    ethischeAfwegingen: 'Which ethical considerations do we make to arrive at a solution?',
  },
  belanghebbenden: {
    voorWie: 'For whom do we want to solve the question?',
    metWie: 'With whom do we want to solve it, and what is their role?',
    watIsBelangrijk: 'What matters to them (per group of stakeholders)?',
    vragen: 'For which questions do they seek a solution?',
    besluiten: 'Which decisions do they want to be able to take?',
    eigenaar: 'Who owns the question?',
    opdrachtgever: 'Who is the client?',
    budgethouder: 'Who holds the budget?',
  },
  ontwerp: {
    processtappen: 'What are the process steps towards a solution?',
    beslismomenten: 'What are the decision moments, and who takes which step or decision?',
    inzichten: 'Which insights and information are needed?',
    data: 'Which data are needed for those insights and information?',
  },
  userStories: {
    functionaliteit: 'What does the user want to do with the digital twin, and what does he want to achieve (value)?',
    inzichten: 'Which insights are needed?',
    informatie: 'Which information is needed to reach these insights?',
    indicatoren: 'Which indicators belong to it?',
    data: 'Which data are needed to produce this information, and where do we find them?',
  },
  prototesten: {
    visualisatie: 'What does the prototype of the digital twin look like for its users?',
    minimaleFuncties: 'Which functions are needed at the least?',
    gebruikersinterfaces: 'Which user interfaces do these functions need?',
  },
  inPraktijk: {
    visualisatie: 'What does the visualisation of the challenge and the models look like?',
    afwegingen: 'How does the digital twin help to weigh options?',
    besluitvorming: 'How does the digital twin contribute to decision-making?',
    gedeeldBeeld: 'How do data and twin contribute to a shared picture of challenge, question and solutions (common operational picture)?',
    borging: 'How do we embed the decisions taken on the basis of data and the digital twin?',
  },
  light: {
    vraagstuk: 'Which question do we want to solve?',
    knelpunten: 'What are the (at most) 3 biggest bottlenecks?',
    doelen: 'What are our (at most) 3 most important goals?',
    belanghebbenden: 'Who are the (at most) 3 most important stakeholders, and in which role?',
    watIsBelangrijk: 'Which (qualitative) aspects of this challenge matter to them?',
    inzichten: 'Which insights do the main stakeholders need, and what for?',
    dataEnModellen: 'Which data and models are needed to reach those insights?',
  },
};

export function sectionTitle(section: CanvasSectionId, lang: Lang): string {
  return lang === 'en' ? TITLES_EN[section] : CANVAS_SECTION_TITLES[section];
}

/** The questions of a section in order: [field, question text]. */
export function sectionQuestions(section: CanvasSectionId, lang: Lang): Array<[string, string]> {
  const nl = CANVAS_QUESTIONS[section] as Record<string, string>;
  const en = QUESTIONS_EN[section] as Record<string, string>;
  return Object.keys(nl).map((field) => [field, lang === 'en' ? (en[field] ?? nl[field]!) : nl[field]!]);
}
