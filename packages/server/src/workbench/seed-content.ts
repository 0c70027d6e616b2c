/**
 * Demo content of Almere's two use cases, written from the workshop results in the source material
 * (Geonovum/Almere: the filled-in wateroverlast canvas, the user stories and the heat-stress story tree).
 */
import type { CanvasSectionId, StakeholderCreate } from '@tweeling/core';

type Answers = Partial<Record<CanvasSectionId, Record<string, string[]>>>;
type Story = { asA: string; iWant: string; soThat: string; because: string | null; stakeholders: string[]; indicators?: string[]; dataNeeds?: string[]; appIds?: string[] };

export const WATEROVERLAST = {
  title: 'Wateroverlast t.g.v. hoosbui',
  summary: 'Wat doet een hoosbui met de stad: waar staat water tegen de gevel of stroomt het naar binnen, welke wegen en evacuatieroutes blijven begaanbaar voor hulpdiensten, en hoe voeren we daarover de risicodialoog met bewoners, ondernemers en bezoekers?',
  canvas: {
    maatschappelijkeWaarde: {
      vraagstukken: ['Wateroverlast bij een hoosbui (een dijkdoorbraak is een ander proces)', 'Bereikbaarheid voor hulpdiensten', "Risico's van bestaande infrastructuur verkleinen, zoals tunnels", 'Groot onderhoud prioriteren', 'Risicodialoog met bewoners, ondernemers en bezoekers (BOB)', 'Onderscheid tussen de bestaande en de nog te ontwikkelen stad'],
      voorWie: ['Bewoners', 'Ondernemers', 'Bezoekers', 'Verzekeraars', 'Infra- en nutsbedrijven', 'Gemeente: raad en medewerkers'],
      wieHeeftLast: ['Inwoners', 'Agrariërs', 'Bezoekers, zoals recreanten', 'Ondernemers', 'Gemeente'],
      maatschappelijkeOpgave: ['Klimaatadaptatie', 'Water en bodem sturend', 'Veilige leefomgeving', 'Mobiliteit', 'Vestigingsklimaat'],
      maatschappelijkeWaarde: ['Een veilig gevoel', 'Inzicht voor bewoners, ondernemers en bezoekers', 'Nieuw inzicht voor mobiliteit en veiligheid', 'Tevredenheid over de gemeente na de risicodialoog', 'Goede, transparante afwegingen en prioriteiten', 'Calamiteiten voorkomen'],
      knelpunten: ['Bewoners willen hun eigen huis herkennen: het detailniveau van de visualisatie', 'Een hoosbui komt sporadisch voor; weinigen hebben het meegemaakt', 'Verkokering en cultuur binnen de gemeente', 'Actuele data'],
      doelen: ['Integraal communiceren en het vraagstuk integraal oppakken', 'Transparant zijn over wel of niet besluiten', 'Inzicht in ruimtelijke keuzes', 'Ontschotten: multidisciplinair werken'],
      indicatoren: ['Deel van de behoeften van bewoners dat beantwoord is, gemeten met enquêtes na de risicodialoog', 'Uitwisselbare technologie'],
      ethischeAfwegingen: ['Doen we het samen met bewoners, ondernemers en bezoekers?', 'Wat doet informatie als "het water komt van de buren" met een straat?', 'Hoe ver kijken we vooruit?', 'In hoeverre kunnen we eigenaren verplichten hun pand aan te passen?', 'Wie draagt de lasten, en wat betekent dat voor solidariteit?', 'Welke rol mag AI spelen bij beslissingen?'],
    },
    belanghebbenden: {
      voorWie: ['Bewoners en toekomstige bewoners (verantwoordelijk voor hun eigendom)', 'Bezoekers en recreanten', 'Ondernemers', 'Verzekeraars (risicoanalyse)'],
      metWie: ['Waterschap (waterbeheerder)', 'Hulpdiensten (veiligheid)', 'Woningcorporaties', 'Nutsbedrijven', 'Provincie en Rijk', 'Intern: beleidsmakers, stedenbouwkundigen, planologen, communicatie'],
      watIsBelangrijk: ['Inzicht om te voorkomen', 'Afvoer van water voor de veiligheid', 'Transparantie over besluiten', 'Een sprekend voorbeeld, voor bewoner en professional', 'Bereikbaarheid', 'Participatie en dialoog'],
      vragen: ['Wat zijn gevoelige gebieden?', 'Stroomt het water naar binnen, en hoeveel?', 'Wat zijn de effecten op mobiliteit bij verstoringen?', 'Welke evacuatieroutes blijven begaanbaar?', 'Wanneer gaat het regenen, en hoeveel?', 'Hoe kan ik als bewoner bijdragen?'],
      besluiten: ['De ruimte zo goed mogelijk inrichten bij gebiedsontwikkeling', 'Groot onderhoud', 'Hoe passen we een woning of pand aan?', 'Wanneer moeten we evacueren?', 'Hoe geven we bewoners inzicht en voeren we het gesprek?'],
      eigenaar: ['Stedelijk Beleid (gemeente)', 'Stadsruimte (gemeente); het eigenaarschap verschuift tijdens het proces'],
      opdrachtgever: ['Gebiedsontwikkeling (gemeente)', 'Stadsruimte (gemeente)'],
      budgethouder: ['Stadsbedrijf', 'Stadsruimte', 'Fonds Verstedelijking Almere'],
    },
    light: {
      vraagstuk: ['Wat doet een hoosbui van 70 mm in een uur met onze straten, panden en routes?'],
      knelpunten: ['Herkenbaarheid van het eigen huis', 'Weinig ervaring met hoosbuien', 'Actuele data'],
      doelen: ['Integraal communiceren', 'Transparant afwegen', 'Inzicht in ruimtelijke keuzes'],
      belanghebbenden: ['Bewoners', 'Hulpdiensten', 'Waterschap'],
    },
  } satisfies Answers,
  stakeholders: [
    { name: 'Bewoners', relation: 'voor-wie', group: 'extern', role: 'verantwoordelijk voor hun eigen pand en tuin', interests: ['Veilig gevoel', 'Herkenbaar beeld van de eigen straat'], questions: ['Stroomt het water mijn huis in?', 'Hoe kan ik bijdragen?'], decisions: ['Woning aanpassen'], influence: 2, interest: 5 },
    { name: 'Hulpdiensten', relation: 'met-wie', group: 'extern', role: 'veiligheid en hulpverlening', interests: ['Bereikbaarheid'], questions: ['Welke routes blijven begaanbaar?'], decisions: ['Wanneer evacueren?'], influence: 4, interest: 5 },
    { name: 'Waterschap', relation: 'met-wie', group: 'extern', role: 'waterbeheerder', interests: ['Afvoer van water', 'Water en bodem sturend'], questions: ['Wanneer gaat het regenen, en hoeveel?'], decisions: [], influence: 5, interest: 4 },
    { name: 'Verzekeraars', relation: 'voor-wie', group: 'extern', role: 'risicoanalyse', interests: ['Schadeprofiel'], questions: ['Wat zijn gevoelige gebieden?'], decisions: [], influence: 3, interest: 4 },
    { name: 'Beleidsadviseurs', relation: 'met-wie', group: 'intern gemeente', role: 'beleid en omgevingsmanagement', interests: ['Goede afwegingen', 'Dialoog met bewoners en bestuur'], questions: ['Wat is de ruimtevraag?'], decisions: ['Groot onderhoud prioriteren', 'Inrichting bij gebiedsontwikkeling'], influence: 4, interest: 5 },
  ] satisfies StakeholderCreate[],
  stories: [
    { asA: 'beleidsadviseur of omgevingsmanager', iWant: 'weten wat het effect van een hoosbui op de directe omgeving is', soThat: 'ik de dialoog met bewoners, ondernemers en bezoekers kan voeren', because: 'ik hen dan kan meenemen in het effect op hun eigen leefomgeving', stakeholders: ['Beleidsadviseurs', 'Bewoners'], indicators: ['waterdiepte tegen de gevel', 'kwetsbaarheidsklasse per pand'], dataNeeds: ['AHN-hoogtemodel', 'BAG-panden met drempelhoogte'], appIds: ['wateroverlast'] },
    { asA: 'beleidsadviseur of omgevingsmanager', iWant: 'weten wat het effect van een hoosbui op de directe omgeving is', soThat: 'ik met het bestuur over het budget kan praten', because: 'we de financiële gevolgen moeten bespreken en organiseren', stakeholders: ['Beleidsadviseurs'], appIds: ['wateroverlast'] },
    { asA: 'opdrachtgever', iWant: 'dat mensen met verschillende rollen en expertise met hetzelfde instrument werken', soThat: 'we vanuit één waarheid kijken', because: 'verschillende bronnen tot verschillende adviezen leiden', stakeholders: [] },
    { asA: 'stedenbouwkundige of gebiedsontwikkelaar', iWant: 'de effecten van ontwerpkeuzes zien', soThat: 'ik gunstige keuzes maak voor het gebiedsontwerp', because: 'we ook na klimaatverandering voorbereid willen zijn', stakeholders: [], appIds: ['wateroverlast'] },
    { asA: 'hulpverlener', iWant: 'zien welke wegen bij een hoosbui dieper dan 30 cm onder water staan', soThat: 'ik routes kies die voor hulpvoertuigen begaanbaar blijven', because: 'elke minuut telt', stakeholders: ['Hulpdiensten'], indicators: ['lengte onbegaanbare weg (> 30 cm)'], dataNeeds: ['wegennet', 'waterdiepte per wegvak'], appIds: ['wateroverlast', 'bereikbaarheid'] },
  ] satisfies Story[],
  lessons: [
    { axis: 'samenwerking' as const, text: 'Beleid is leidend, maar heeft een GIS- of dataspecialist nodig om de vraag te vertalen naar data en modellen.', shared: true },
    { axis: 'waardecreatie' as const, text: 'Iedere usecase heeft een eigen dynamiek en vraagt om maatwerk in de workshops.', shared: true },
  ],
};

export const HITTESTRESS = {
  title: 'Hittestress',
  summary: 'Welke maatregelen verminderen hittestress doelmatig en verbeteren zo de gezondheid? De use case verbindt het fysieke en het sociale domein: bomen, schaduw en groen naast kwetsbare groepen.',
  canvas: {
    light: {
      vraagstuk: ['Welke maatregelen zijn doelmatig om hittestress te verminderen en de gezondheid te verbeteren?'],
      knelpunten: ['Fysieke en sociale data liggen in verschillende domeinen', 'Onze hittestress is niet nieuw: waar zit de innovatie?', 'Hoe wegen we belangen en kosten af?'],
      doelen: ['2 °C lagere gevoelstemperatuur', '50 % schaduw op looproutes', 'Minder oversterfte bij hittegolven'],
      belanghebbenden: ['Beleidsadviseurs (beleid en besluitvorming)', 'Technisch adviseurs (ontwerp en uitvoering)', 'Bewoners en organisaties (informeren en draagvlak)'],
      dataEnModellen: ['Bomenlaag 3-30-300 en de bomendatabase', 'Kwetsbare groepen (CBS)', '3D-ondergrond', 'Waterhuishouding en droogte'],
    },
  } satisfies Answers,
  stakeholders: [
    { name: 'Beleidsadviseurs', relation: 'met-wie', group: 'intern gemeente', role: 'beleidsontwikkeling en besluitvorming', interests: ['Doelmatige maatregelen'], questions: ['Waar zitten de knelpunten?'], decisions: ['Welke maatregelen waar?'], influence: 4, interest: 5 },
    { name: 'Technisch adviseurs', relation: 'met-wie', group: 'intern gemeente', role: 'ontwerp en uitvoering', interests: ['Haalbaarheid: mogelijk, kosten, effectief'], questions: [], decisions: [], influence: 3, interest: 4 },
    { name: 'Bewoners en organisaties', relation: 'voor-wie', group: 'extern', role: 'informeren en draagvlak', interests: ['Koele, schaduwrijke looproutes'], questions: [], decisions: [], influence: 2, interest: 4 },
  ] satisfies StakeholderCreate[],
};

/** The heat-stress story tree: vraag → doelen → KPI's → maatregelen → objecten (label, KPI target, children). */
export interface SeedNode { label: string; target?: string; children?: SeedNode[] }
export const HEAT_TREE: SeedNode = {
  label: 'Integrale analyse van kansen en knelpunten van maatregelen in het focusgebied',
  children: [
    {
      label: 'Gebied',
      children: [
        { label: 'Gevoelstemperatuur', target: '2 °C lagere gevoelstemperatuur', children: [{ label: 'Tegelwippen', children: [{ label: 'Water en droogte' }] }, { label: 'Daken', children: [{ label: 'Gebouwen' }] }] },
        { label: 'Schaduw op looproutes', target: '50 % schaduw op looproutes', children: [{ label: 'Schaduw maken', children: [{ label: 'Wegen' }] }, { label: 'Groen (3-30-300 en ander groen)', children: [{ label: 'Bomen' }] }] },
        { label: 'Kwaliteit ecosystemen', target: 'betere kwaliteit van ecosystemen (percentage nog te bepalen)' },
      ],
    },
    { label: 'Gebouw', children: [{ label: 'Binnentemperatuur', target: 'minder uren boven 27 °C binnen (nog te bepalen)', children: [{ label: 'Afstand verkleinen', children: [{ label: 'Overige assets' }] }] }] },
    { label: 'Gezondheid', children: [{ label: 'Oversterfte', target: 'minder oversterfte bij hitte (percentage nog te bepalen)' }, { label: 'Luchtkwaliteit', target: 'betere luchtkwaliteit (percentage nog te bepalen)' }] },
  ],
};
