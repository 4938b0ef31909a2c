import { CategoryAttribute } from '@app/domain';

const t = (de: string, en: string) => ({ de, en });

export interface DemoCategory {
  code: string;
  name: { de: string; en: string };
  description: { de: string; en: string };
  group: { de: string; en: string };
  keywords: string[];
  attributes: CategoryAttribute[];
  firstResponseHours: number;
  /** Which kind of department handles it. */
  handledBy: 'Tiefbauamt' | 'Ordnungsamt' | 'Grünflächenamt' | 'Bauhof';
}

const STREET = t('Straße und Verkehr', 'Streets and traffic');
const CLEAN = t('Sauberkeit', 'Cleanliness');
const GREEN = t('Grün und Freizeit', 'Green spaces and leisure');

/** Realistic categories of a German Mängelmelder, with Open311 extra questions. */
export const DEMO_CATEGORIES: DemoCategory[] = [
  {
    code: 'schlagloch',
    name: t('Schlagloch / Straßenschaden', 'Pothole / road damage'),
    description: t('Schlaglöcher, Risse, abgesackte Gullys auf Fahrbahnen', 'Potholes, cracks, sunken drains on roads'),
    group: STREET,
    keywords: ['Schlagloch', 'Straße', 'Fahrbahn', 'Loch', 'pothole'],
    attributes: [
      { code: 'size', datatype: 'singlevaluelist', required: true, order: 1, description: t('Wie groß ist der Schaden?', 'How large is the damage?'), values: [
        { key: 'small', name: t('klein (unter 20 cm)', 'small (under 20 cm)') },
        { key: 'medium', name: t('mittel (20–50 cm)', 'medium (20–50 cm)') },
        { key: 'large', name: t('groß (über 50 cm)', 'large (over 50 cm)') },
      ] },
    ],
    firstResponseHours: 48,
    handledBy: 'Tiefbauamt',
  },
  {
    code: 'strassenbeleuchtung',
    name: t('Straßenbeleuchtung defekt', 'Street light broken'),
    description: t('Laterne aus, flackert oder brennt am Tag', 'Street light off, flickering or on during the day'),
    group: STREET,
    keywords: ['Laterne', 'Licht', 'Beleuchtung', 'street light'],
    attributes: [
      { code: 'fault', datatype: 'singlevaluelist', required: true, order: 1, description: t('Was ist los?', 'What is wrong?'), values: [
        { key: 'off', name: t('brennt nicht', 'not working') },
        { key: 'flicker', name: t('flackert', 'flickering') },
        { key: 'day', name: t('brennt tagsüber', 'on during the day') },
      ] },
      { code: 'pole_number', datatype: 'string', required: false, order: 2, description: t('Mastnummer (Plakette am Mast), falls lesbar', 'Pole number (plate on the pole), if readable') },
    ],
    firstResponseHours: 72,
    handledBy: 'Tiefbauamt',
  },
  {
    code: 'illegale-muellablagerung',
    name: t('Illegale Müllablagerung', 'Illegal dumping'),
    description: t('Sperrmüll, Bauschutt oder Säcke in der Landschaft oder am Straßenrand', 'Bulky waste, rubble or bags dumped in nature or by the road'),
    group: CLEAN,
    keywords: ['Müll', 'Sperrmüll', 'Ablagerung', 'dumping'],
    attributes: [
      { code: 'waste_types', datatype: 'multivaluelist', required: true, order: 1, description: t('Was liegt dort?', 'What was dumped?'), values: [
        { key: 'bulky', name: t('Sperrmüll', 'bulky waste') },
        { key: 'rubble', name: t('Bauschutt', 'building rubble') },
        { key: 'electrical', name: t('Elektrogeräte', 'electrical appliances') },
        { key: 'tyres', name: t('Altreifen', 'old tyres') },
        { key: 'household', name: t('Hausmüll / Säcke', 'household waste / bags') },
        { key: 'hazardous', name: t('Sonderabfall (Farben, Öl, Asbest)', 'hazardous waste (paint, oil, asbestos)') },
      ] },
      { code: 'volume_m3', datatype: 'number', required: false, order: 2, description: t('Geschätzte Menge in m³', 'Estimated volume in m³') },
    ],
    firstResponseHours: 48,
    handledBy: 'Ordnungsamt',
  },
  {
    code: 'papierkorb-voll',
    name: t('Wilder Müll / Papierkorb voll', 'Litter / bin overflowing'),
    description: t('Überquellende Papierkörbe, Unrat auf Wegen und Plätzen', 'Overflowing bins, litter on paths and squares'),
    group: CLEAN,
    keywords: ['Papierkorb', 'Mülleimer', 'Unrat', 'litter', 'bin'],
    attributes: [],
    firstResponseHours: 48,
    handledBy: 'Bauhof',
  },
  {
    code: 'gruenschnitt-baum',
    name: t('Grünschnitt / Baum', 'Vegetation / tree'),
    description: t('Zugewachsene Wege, Sichtbehinderung, beschädigte oder umgestürzte Bäume', 'Overgrown paths, blocked view, damaged or fallen trees'),
    group: GREEN,
    keywords: ['Baum', 'Ast', 'Hecke', 'Grünschnitt', 'tree'],
    attributes: [
      { code: 'danger', datatype: 'singlevaluelist', required: true, order: 1, description: t('Besteht akute Gefahr (z. B. Ast droht zu fallen)?', 'Is there acute danger (e.g. a branch about to fall)?'), values: [
        { key: 'yes', name: t('ja', 'yes') },
        { key: 'no', name: t('nein', 'no') },
      ] },
    ],
    firstResponseHours: 24,
    handledBy: 'Grünflächenamt',
  },
  {
    code: 'spielplatz',
    name: t('Spielplatz', 'Playground'),
    description: t('Defekte Spielgeräte, Scherben, Verschmutzung auf Spielplätzen', 'Broken equipment, broken glass, dirt on playgrounds'),
    group: GREEN,
    keywords: ['Spielplatz', 'Schaukel', 'Rutsche', 'playground'],
    attributes: [],
    firstResponseHours: 24,
    handledBy: 'Grünflächenamt',
  },
  {
    code: 'verkehrszeichen',
    name: t('Verkehrszeichen', 'Traffic sign'),
    description: t('Beschädigte, verdrehte oder zugewachsene Verkehrszeichen', 'Damaged, twisted or overgrown traffic signs'),
    group: STREET,
    keywords: ['Schild', 'Verkehrszeichen', 'sign'],
    attributes: [],
    firstResponseHours: 72,
    handledBy: 'Tiefbauamt',
  },
  {
    code: 'graffiti',
    name: t('Graffiti', 'Graffiti'),
    description: t('Schmierereien an öffentlichen Gebäuden und Anlagen', 'Graffiti on public buildings and facilities'),
    group: CLEAN,
    keywords: ['Graffiti', 'Schmiererei', 'Tag'],
    attributes: [
      { code: 'offensive', datatype: 'singlevaluelist', required: false, order: 1, description: t('Beleidigender oder verfassungsfeindlicher Inhalt?', 'Offensive or anti-constitutional content?'), values: [
        { key: 'yes', name: t('ja', 'yes') },
        { key: 'no', name: t('nein', 'no') },
      ] },
    ],
    firstResponseHours: 120,
    handledBy: 'Ordnungsamt',
  },
  {
    code: 'gehweg-radweg',
    name: t('Gehweg / Radweg', 'Footpath / cycle path'),
    description: t('Stolperfallen, Schäden und Hindernisse auf Geh- und Radwegen', 'Trip hazards, damage and obstacles on footpaths and cycle paths'),
    group: STREET,
    keywords: ['Gehweg', 'Radweg', 'Bordstein', 'Stolperfalle', 'cycle'],
    attributes: [],
    firstResponseHours: 72,
    handledBy: 'Tiefbauamt',
  },
];
