import { z } from 'zod';

/** The shared use-case vocabulary (DESIGN.md): ids with their Dutch and English labels. */
export const USE_CASES = {
  wateroverlast: { nl: 'Wateroverlast door hoosbui', en: 'Pluvial flooding from cloudbursts' },
  hittestress: { nl: 'Hittestress', en: 'Heat stress' },
  groen: { nl: 'Groen in en om de stad', en: 'Green in and around the city' },
  'bodem-water': { nl: 'Bodem & Water', en: 'Soil & water' },
  droogte: { nl: 'Droogte', en: 'Drought' },
  bodemdaling: { nl: 'Bodemdaling', en: 'Land subsidence' },
  luchtkwaliteit: { nl: 'Luchtkwaliteit', en: 'Air quality' },
  verkeer: { nl: 'Verkeer en mobiliteit', en: 'Traffic and mobility' },
  'crowd-safety': { nl: 'Crowd safety', en: 'Crowd safety' },
  netcongestie: { nl: 'Netcongestie', en: 'Grid congestion' },
  energie: { nl: 'Energietransitie', en: 'Energy transition' },
  'sociaal-domein': { nl: 'Sociaal domein', en: 'Social domain' },
  woningbouw: { nl: 'Woningbouw', en: 'Housing development' },
} as const satisfies Record<string, { nl: string; en: string }>;

export const USE_CASE_IDS = Object.keys(USE_CASES) as [UseCaseId, ...UseCaseId[]];
export type UseCaseId = keyof typeof USE_CASES;

/** A use-case id from the shared vocabulary. */
export const UseCaseIdSchema = z.enum(USE_CASE_IDS).describe('Use-case id from the shared vocabulary');

/** Text in Dutch (required) and English (optional). */
export const LocalizedText = z
  .object({
    nl: z.string().min(1).describe('Dutch text'),
    en: z.string().min(1).optional().describe('English text'),
  })
  .describe('Text in Dutch, optionally in English');
export type LocalizedText = z.infer<typeof LocalizedText>;
