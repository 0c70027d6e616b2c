/**
 * The "2050" climate scenarios: KNMI'23 scenario names (Ln, Ld, Mn, Md, Hn, Hd — low/middle/high
 * emissions, n = wetter, d = drier variant) with the rainfall shifts we use and how we turn them into
 * groundwater shifts.
 *
 * ASSUMPTIONS (clearly ours, to be replaced by the KNMI'23 "kerncijfers" table and a groundwater model
 * such as the LHM/NHI for decisions): KNMI'23 (Van Dorland et al. 2023) gives, for every scenario,
 * wetter winters, drier summers (strongest in the d-variants) and heavier showers. The percentages below
 * follow those directions and rough magnitudes for 2050 but are not copied from the KNMI table.
 * The conversion to groundwater uses two sensitivities of our own (see constants).
 */

/** Reference year of the current state (the soil map and groundwater levels are taken as "now"). */
export const REFERENCE_YEAR = 2025;
/** Horizon of the scenarios. */
export const SCENARIO_YEAR = 2050;
/** Assumption: 1 % more winter precipitation raises the GHG by 1 cm (shallow, drained polder soils). */
export const GHG_RISE_M_PER_PCT_WINTER = 0.01;
/** Assumption: 1 % less summer precipitation lowers the GLG by 0.9 cm. */
export const GLG_DROP_M_PER_PCT_SUMMER = 0.009;
/**
 * Assumption: surface lowering per year by subsidence sensitivity, m/yr (peat oxidation and clay
 * settlement at fixed polder levels; order of magnitude after PBL 2016 "Dalende bodems, stijgende
 * kosten": drained peat ≈ 1 cm/yr). With the water level fixed, the surface comes closer to the
 * groundwater and to the open water by the same amount.
 */
export const SUBSIDENCE_M_PER_YEAR: Record<string, number> = { laag: 0.001, matig: 0.004, hoog: 0.01 };

/** Scenario ids accepted by the app: `huidig` (no change) and the six KNMI'23 scenarios. */
export const SCENARIO_IDS = ['huidig', 'Ln', 'Ld', 'Mn', 'Md', 'Hn', 'Hd'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** The shifts of one scenario relative to now. */
export interface ClimateScenario {
  id: ScenarioId;
  label: string;
  /** Change in winter precipitation, % (assumption, direction per KNMI'23). */
  winterPrecipPct: number;
  /** Change in summer precipitation, % (assumption, direction per KNMI'23). */
  summerPrecipPct: number;
  /** Factor on extreme (hourly) rainfall and, linearly, on flood depth (assumption). */
  extremeRainFactor: number;
  /** Whether the subsidence of {@link SUBSIDENCE_M_PER_YEAR} until 2050 is applied. */
  subsidence: boolean;
}

const s = (id: ScenarioId, label: string, winterPrecipPct: number, summerPrecipPct: number, extremeRainFactor: number): ClimateScenario => ({
  id, label, winterPrecipPct, summerPrecipPct, extremeRainFactor, subsidence: id !== 'huidig',
});

/** The scenarios. Every number is our assumption (see file header); only the names and directions are KNMI'23. */
export const CLIMATE_SCENARIOS: Record<ScenarioId, ClimateScenario> = {
  huidig: s('huidig', 'Huidig klimaat (geen verschuiving)', 0, 0, 1),
  Ln: s('Ln', "KNMI'23 Ln 2050 (lage uitstoot, natter)", 4, -3, 1.05),
  Ld: s('Ld', "KNMI'23 Ld 2050 (lage uitstoot, droger)", 2, -9, 1.05),
  Mn: s('Mn', "KNMI'23 Mn 2050 (middel, natter)", 5, -4, 1.08),
  Md: s('Md', "KNMI'23 Md 2050 (middel, droger)", 3, -12, 1.08),
  Hn: s('Hn', "KNMI'23 Hn 2050 (hoge uitstoot, natter)", 7, -5, 1.11),
  Hd: s('Hd', "KNMI'23 Hd 2050 (hoge uitstoot, droger)", 4, -16, 1.11),
};

/** Groundwater and surface shifts a scenario implies for a cell with the given subsidence sensitivity. */
export interface CellShift {
  /** Rise of the winter groundwater level, m (GHG depth decreases by this). */
  ghgRiseM: number;
  /** Drop of the summer groundwater level, m (GLG depth increases by this). */
  glgDropM: number;
  /** Surface lowering until the scenario year, m (all depths and the drooglegging decrease by this). */
  subsidenceM: number;
}

/**
 * Shifts for one cell.
 * @param zetting - subsidence sensitivity (`laag` | `matig` | `hoog`; unknown → no subsidence)
 * @example shiftFor(CLIMATE_SCENARIOS.Hn, 'hoog') // { ghgRiseM: 0.07, glgDropM: 0.045, subsidenceM: 0.25 }
 */
export function shiftFor(scenario: ClimateScenario, zetting: string | null): CellShift {
  const years = SCENARIO_YEAR - REFERENCE_YEAR;
  return {
    ghgRiseM: Math.max(0, scenario.winterPrecipPct) * GHG_RISE_M_PER_PCT_WINTER,
    glgDropM: Math.max(0, -scenario.summerPrecipPct) * GLG_DROP_M_PER_PCT_SUMMER,
    subsidenceM: scenario.subsidence && zetting !== null ? (SUBSIDENCE_M_PER_YEAR[zetting] ?? 0) * years : 0,
  };
}
