/**
 * The cast of the demo ledger: a small Lyon web and design agency, its clients (invented names, real French
 * cities and postal codes) and what it sells. Identifiers (SIREN, SIRET, VAT) are computed by the generator.
 */

/** How a client pays: drives the outcome of each of its invoices. */
export type PayerProfile = "good" | "slow" | "chronic" | "disputer";

/**
 * net30: 30 days from the invoice date; eom45: 45 days then end of month; net15: 15 days (consumers);
 * receipt: payable on receipt (consumers).
 */
export type Terms = "net30" | "eom45" | "net15" | "receipt";

export type PreferredMethod = "transfer" | "cheque" | "card" | "bill_of_exchange";

export interface PersonSeed {
  first: string;
  last: string;
  role: string | null;
}

export interface BusinessSeed {
  /** Trade name: the domain of the email addresses is derived from it. */
  trade: string;
  /** Legal name as invoiced. */
  name: string;
  street: string;
  postal_code: string;
  city: string;
  /** "04 78": the first two groups of the landline numbers. */
  phone_prefix: string;
  profile: PayerProfile;
  terms: Terms;
  /** Relative share of the one-off project invoices. */
  weight: number;
  method: PreferredMethod;
  /** The billing contact; `mailbox` replaces first.last in the address ("compta@…"). */
  billing: PersonSeed & { mailbox?: string };
  /** An operational contact, not the billing one. */
  other?: PersonSeed;
  /** Catalogue tags this client also buys (beyond the common ones). */
  extra?: readonly string[];
  /** A monthly invoice (maintenance, social media…). */
  retainer?: {
    description: string;
    price_cents: number;
    /** First invoiced month, counted from the first month of the demo window (0 = from the start). */
    from_month?: number;
    /** Paid by SEPA direct debit on the due date. */
    direct_debit?: boolean;
  };
}

export interface ConsumerSeed {
  first: string;
  last: string;
  street: string;
  postal_code: string;
  city: string;
  email_domain: string;
  profile: PayerProfile;
  terms: Terms;
  method: PreferredMethod;
  invoices: number;
}

export const ORGANIZATION = {
  name: "Atelier Lumen",
  legal_form: "SARL",
  /** The first 8 digits of the SIREN; the Luhn key is computed. */
  siren_body: "91254837",
  nic_body: "0001",
  address: "24 rue Burdeau",
  postal_code: "69001",
  city: "Lyon",
  email: "contact@atelier-lumen.fr",
  phone: "04 78 27 53 19",
  /** LCL (Crédit Lyonnais): bank code, branch code, account number; the RIB key is computed. */
  bank: { bank_code: "30002", branch_code: "00845", account: "00004703152" },
  bic: "CRLYFRPPXXX",
  payment_term: "30 jours",
} as const;

export const BUSINESSES: readonly BusinessSeed[] = [
  {
    trade: "Boulangerie Fournier",
    name: "Boulangerie Fournier SARL",
    street: "12 Grande Rue de la Croix-Rousse",
    postal_code: "69004",
    city: "Lyon",
    phone_prefix: "04 78",
    profile: "good",
    terms: "net30",
    weight: 2,
    method: "cheque",
    billing: { first: "Isabelle", last: "Fournier", role: "Gérante" },
  },
  {
    trade: "Moreau Avocats",
    name: "Moreau Avocats SELARL",
    street: "18 rue de la République",
    postal_code: "69002",
    city: "Lyon",
    phone_prefix: "04 72",
    profile: "slow",
    terms: "net30",
    weight: 3,
    method: "transfer",
    billing: { first: "Sylvie", last: "Perret", role: "Assistante de direction", mailbox: "compta" },
    other: { first: "Antoine", last: "Moreau", role: "Avocat associé" },
  },
  {
    trade: "Garage des Brotteaux",
    name: "Garage des Brotteaux SARL",
    street: "45 boulevard des Brotteaux",
    postal_code: "69006",
    city: "Lyon",
    phone_prefix: "04 78",
    profile: "chronic",
    terms: "net30",
    weight: 3,
    method: "transfer",
    billing: { first: "Karim", last: "Benali", role: "Gérant" },
  },
  {
    trade: "Menuiserie Lefèvre",
    name: "Julien Lefèvre EI (Menuiserie Lefèvre)",
    street: "8 rue Francis-de-Pressensé",
    postal_code: "69100",
    city: "Villeurbanne",
    phone_prefix: "04 78",
    profile: "good",
    terms: "net30",
    weight: 1,
    method: "cheque",
    billing: { first: "Julien", last: "Lefèvre", role: "Artisan menuisier" },
  },
  {
    trade: "Plomberie Girard",
    name: "Marc Girard EI (Plomberie Girard)",
    street: "21 avenue Jean-Jaurès",
    postal_code: "69200",
    city: "Vénissieux",
    phone_prefix: "04 78",
    profile: "slow",
    terms: "net30",
    weight: 1,
    method: "cheque",
    billing: { first: "Marc", last: "Girard", role: "Artisan plombier" },
  },
  {
    trade: "Domaine des Coteaux Blancs",
    name: "EARL Domaine des Coteaux Blancs",
    street: "240 route des Coteaux",
    postal_code: "69640",
    city: "Denicé",
    phone_prefix: "04 74",
    profile: "good",
    terms: "eom45",
    weight: 2,
    method: "transfer",
    billing: { first: "Bénédicte", last: "Chardon", role: "Co-exploitante" },
    other: { first: "Vincent", last: "Chardon", role: "Vigneron" },
  },
  {
    trade: "Fromagerie Bernard",
    name: "Fromagerie Bernard SARL",
    street: "5 rue Sainte-Claire",
    postal_code: "74000",
    city: "Annecy",
    phone_prefix: "04 50",
    profile: "good",
    terms: "net30",
    weight: 2,
    method: "transfer",
    billing: { first: "Pascal", last: "Bernard", role: "Gérant" },
  },
  {
    trade: "Kinéo Santé",
    name: "Kinéo Santé SAS",
    street: "16 avenue Alsace-Lorraine",
    postal_code: "38000",
    city: "Grenoble",
    phone_prefix: "04 76",
    profile: "slow",
    terms: "net30",
    weight: 2,
    method: "transfer",
    billing: { first: "Aurélie", last: "Masson", role: "Responsable administrative" },
    other: { first: "Hugo", last: "Lambert", role: "Président" },
  },
  {
    trade: "Hôtel Le Belvédère",
    name: "Hôtel Le Belvédère SAS",
    street: "112 route des Praz",
    postal_code: "74400",
    city: "Chamonix-Mont-Blanc",
    phone_prefix: "04 50",
    profile: "disputer",
    terms: "net30",
    weight: 3,
    method: "transfer",
    billing: { first: "Laurence", last: "Favre", role: "Comptable", mailbox: "comptabilite" },
    other: { first: "Olivier", last: "Ducret", role: "Directeur" },
    retainer: { description: "Maintenance et hébergement du site", price_cents: 24_000 },
  },
  {
    trade: "Les Saveurs du Vieux Lyon",
    name: "Les Saveurs du Vieux Lyon SARL",
    street: "27 rue Saint-Jean",
    postal_code: "69005",
    city: "Lyon",
    phone_prefix: "04 78",
    profile: "chronic",
    terms: "net30",
    weight: 2,
    method: "transfer",
    billing: { first: "Franck", last: "Vial", role: "Gérant" },
  },
  {
    trade: "Transports Mercier",
    name: "Transports Mercier SA",
    street: "14 rue du Dauphiné",
    postal_code: "69800",
    city: "Saint-Priest",
    phone_prefix: "04 72",
    profile: "slow",
    terms: "eom45",
    weight: 4,
    method: "bill_of_exchange",
    billing: {
      first: "Nathalie",
      last: "Colin",
      role: "Service comptabilité fournisseurs",
      mailbox: "fournisseurs",
    },
    other: { first: "Stéphane", last: "Mercier", role: "Directeur commercial" },
    extra: ["video"],
  },
  {
    trade: "Rhône Conseil Immobilier",
    name: "Rhône Conseil Immobilier SAS",
    street: "120 cours Lafayette",
    postal_code: "69003",
    city: "Lyon",
    phone_prefix: "04 72",
    profile: "good",
    terms: "eom45",
    weight: 3,
    method: "transfer",
    billing: { first: "Céline", last: "Robert", role: "Responsable administrative et financière" },
    other: { first: "Mathieu", last: "Blanc", role: "Directeur d'agence" },
    retainer: { description: "Maintenance et hébergement du site", price_cents: 29_000, direct_debit: true },
  },
  {
    trade: "Librairie du Parc",
    name: "Librairie du Parc SARL",
    street: "14 rue de la Liberté",
    postal_code: "21000",
    city: "Dijon",
    phone_prefix: "03 80",
    profile: "good",
    terms: "net30",
    weight: 1,
    method: "transfer",
    billing: { first: "Anne", last: "Morel", role: "Gérante" },
    extra: ["books"],
  },
  {
    trade: "Atelier Céramique Dubois",
    name: "Atelier Céramique Dubois EURL",
    street: "9 quai Riondet",
    postal_code: "38200",
    city: "Vienne",
    phone_prefix: "04 74",
    profile: "good",
    terms: "net30",
    weight: 1,
    method: "transfer",
    billing: { first: "Élodie", last: "Dubois", role: "Gérante" },
  },
  {
    trade: "Pharmacie des Terreaux",
    name: "Pharmacie des Terreaux SELARL",
    street: "9 place des Terreaux",
    postal_code: "69001",
    city: "Lyon",
    phone_prefix: "04 78",
    profile: "good",
    terms: "net30",
    weight: 2,
    method: "transfer",
    billing: { first: "Jean-Marc", last: "Lacroix", role: "Pharmacien titulaire" },
  },
  {
    trade: "Cave L'Épicurien",
    name: "Cave L'Épicurien EURL",
    street: "22 rue Notre-Dame",
    postal_code: "33000",
    city: "Bordeaux",
    phone_prefix: "05 56",
    profile: "slow",
    terms: "net30",
    weight: 1,
    method: "cheque",
    billing: { first: "Guillaume", last: "Arnaud", role: "Gérant" },
  },
  {
    trade: "Éditions du Lac",
    name: "Éditions du Lac SAS",
    street: "3 boulevard Wilson",
    postal_code: "73100",
    city: "Aix-les-Bains",
    phone_prefix: "04 79",
    profile: "disputer",
    terms: "net30",
    weight: 3,
    method: "transfer",
    billing: { first: "Martine", last: "Rey", role: "Comptable", mailbox: "compta" },
    other: { first: "Frédéric", last: "Bonnet", role: "Directeur éditorial" },
    extra: ["books"],
  },
  {
    trade: "NovaTech Industrie",
    name: "NovaTech Industrie SAS",
    street: "16 avenue Félix-Viallet",
    postal_code: "38000",
    city: "Grenoble",
    phone_prefix: "04 76",
    profile: "slow",
    terms: "eom45",
    weight: 4,
    method: "transfer",
    billing: { first: "Sandrine", last: "Gauthier", role: "Service comptabilité", mailbox: "factures" },
    other: { first: "Romain", last: "Fontaine", role: "Responsable marketing" },
    extra: ["video"],
    retainer: { description: "Tierce maintenance applicative", price_cents: 120_000, from_month: 8 },
  },
  {
    trade: "Clinique vétérinaire des Monts d'Or",
    name: "Clinique vétérinaire des Monts d'Or SELARL",
    street: "4 route de Lyon",
    postal_code: "69410",
    city: "Champagne-au-Mont-d'Or",
    phone_prefix: "04 78",
    profile: "good",
    terms: "net30",
    weight: 1,
    method: "transfer",
    billing: { first: "Claire", last: "Brun", role: "Vétérinaire associée" },
    retainer: { description: "Maintenance du site", price_cents: 9_500, direct_debit: true },
  },
  {
    trade: "Horizon Voyages",
    name: "Horizon Voyages SARL",
    street: "54 rue Oberkampf",
    postal_code: "75011",
    city: "Paris",
    phone_prefix: "01 43",
    profile: "chronic",
    terms: "net30",
    weight: 3,
    method: "transfer",
    billing: { first: "David", last: "Cohen", role: "Gérant" },
    other: { first: "Inès", last: "Haddad", role: "Chargée de communication" },
  },
  {
    trade: "Maison Perrin Chocolatier",
    name: "Maison Perrin Chocolatier SAS",
    street: "36 rue Mercière",
    postal_code: "69002",
    city: "Lyon",
    phone_prefix: "04 78",
    profile: "good",
    terms: "net30",
    weight: 3,
    method: "transfer",
    billing: { first: "Véronique", last: "Perrin", role: "Directrice administrative" },
    other: { first: "Lucas", last: "Perrin", role: "Responsable boutique en ligne" },
    retainer: { description: "Gestion des réseaux sociaux", price_cents: 65_000, from_month: 2 },
  },
  {
    trade: "Thermi'Alp Ingénierie",
    name: "Thermi'Alp Ingénierie SARL",
    street: "7 rue de la Résistance",
    postal_code: "42000",
    city: "Saint-Étienne",
    phone_prefix: "04 77",
    profile: "slow",
    terms: "net30",
    weight: 2,
    method: "transfer",
    billing: { first: "Philippe", last: "Roche", role: "Gérant" },
  },
  {
    trade: "Ferme du Bois Joli",
    name: "GAEC Ferme du Bois Joli",
    street: "1250 route de Ceyzériat",
    postal_code: "01000",
    city: "Bourg-en-Bresse",
    phone_prefix: "04 74",
    profile: "good",
    terms: "net30",
    weight: 1,
    method: "cheque",
    billing: { first: "Monique", last: "Berthet", role: "Associée" },
  },
  {
    trade: "Électricité Faure",
    name: "Patrick Faure EI (Électricité Faure)",
    street: "33 avenue Franklin-Roosevelt",
    postal_code: "69150",
    city: "Décines-Charpieu",
    phone_prefix: "04 78",
    profile: "chronic",
    terms: "net30",
    weight: 1,
    method: "cheque",
    billing: { first: "Patrick", last: "Faure", role: "Artisan électricien" },
  },
  {
    trade: "Studio Pilates Harmonie",
    name: "Studio Pilates Harmonie EURL",
    street: "18 rue de Marseille",
    postal_code: "69007",
    city: "Lyon",
    phone_prefix: "04 78",
    profile: "good",
    terms: "net30",
    weight: 1,
    method: "card",
    billing: { first: "Julie", last: "Carré", role: "Gérante" },
  },
  {
    trade: "Vauban Patrimoine",
    name: "Vauban Patrimoine SA",
    street: "28 rue de Courcelles",
    postal_code: "75008",
    city: "Paris",
    phone_prefix: "01 42",
    profile: "slow",
    terms: "eom45",
    weight: 3,
    method: "transfer",
    billing: { first: "Christophe", last: "Leroy", role: "Direction financière", mailbox: "dafi" },
    other: { first: "Émilie", last: "Giraud", role: "Responsable communication" },
    extra: ["video"],
  },
  {
    trade: "Salon Sandrine Coiffure",
    name: "Sandrine Michaud EI (Salon Sandrine Coiffure)",
    street: "5 Grande Rue de Saint-Clair",
    postal_code: "69300",
    city: "Caluire-et-Cuire",
    phone_prefix: "04 78",
    profile: "good",
    terms: "net30",
    weight: 1,
    method: "card",
    billing: { first: "Sandrine", last: "Michaud", role: "Coiffeuse, gérante" },
  },
  {
    trade: "Savonnerie du Vieux-Port",
    name: "Savonnerie du Vieux-Port SARL",
    street: "12 rue de la République",
    postal_code: "13002",
    city: "Marseille",
    phone_prefix: "04 91",
    profile: "disputer",
    terms: "net30",
    weight: 2,
    method: "transfer",
    billing: { first: "Marius", last: "Olivieri", role: "Gérant" },
  },
];

export const CONSUMERS: readonly ConsumerSeed[] = [
  {
    first: "Camille",
    last: "Rousseau",
    street: "7 rue Paul-Bert",
    postal_code: "69003",
    city: "Lyon",
    email_domain: "orange.fr",
    profile: "good",
    terms: "receipt",
    method: "card",
    invoices: 2,
  },
  {
    first: "Thomas",
    last: "Garnier",
    street: "14 chemin de la Garde",
    postal_code: "69130",
    city: "Écully",
    email_domain: "free.fr",
    profile: "slow",
    terms: "net15",
    method: "cheque",
    invoices: 2,
  },
  {
    first: "Hélène",
    last: "Marchand",
    street: "3 place de la Liberté",
    postal_code: "69160",
    city: "Tassin-la-Demi-Lune",
    email_domain: "laposte.net",
    profile: "good",
    terms: "net15",
    method: "transfer",
    invoices: 1,
  },
  {
    first: "Nicolas",
    last: "Petit",
    street: "52 Grande Rue",
    postal_code: "69600",
    city: "Oullins-Pierre-Bénite",
    email_domain: "sfr.fr",
    profile: "chronic",
    terms: "receipt",
    method: "transfer",
    invoices: 2,
  },
  {
    first: "Sophie",
    last: "Chevalier",
    street: "21 rue Victor-Hugo",
    postal_code: "69002",
    city: "Lyon",
    email_domain: "wanadoo.fr",
    profile: "good",
    terms: "receipt",
    method: "card",
    invoices: 1,
  },
];

export const PUBLIC_BUYER = {
  key: "mairie-villeurbanne",
  name: "Mairie de Villeurbanne",
  /** "21" + département + "0" + commune code: the SIREN pattern of French communes; the key is computed. */
  siren_body: "21690266",
  nic_body: "0001",
  street: "Place Lazare-Goujon",
  postal_code: "69100",
  city: "Villeurbanne",
  phone_prefix: "04 78",
  domain: "mairie-villeurbanne.fr",
  billing: { name: "Service des finances", role: "Comptabilité fournisseurs", mailbox: "finances" },
  other: { first: "Claire", last: "Vidal", role: "Chargée de communication" },
  invoices: 5,
} as const;

export interface CatalogueItem {
  description: string;
  /** Unit price range in euros and the rounding step of the drawn price, in euros. */
  price: readonly [number, number, number];
  /** Quantity range and step, in units (0.5 = half a day). */
  quantity?: readonly [number, number, number];
  vat_bp?: number;
  /** Who buys it: "business" (the default), "consumer", "public" or a BusinessSeed extra tag. */
  for?: readonly string[];
  /** An add-on line, never alone on an invoice. */
  addon?: boolean;
}

export const CATALOGUE: readonly CatalogueItem[] = [
  {
    description: "Création d'un site vitrine (conception, intégration, mise en ligne)",
    price: [2400, 5800, 100],
  },
  {
    description: "Refonte du site internet – forfait",
    price: [4500, 9500, 100],
    for: ["business", "public"],
  },
  { description: "Développement d'une boutique en ligne (WooCommerce)", price: [6000, 14_000, 100] },
  { description: "Création de logo et déclinaisons", price: [650, 1800, 50] },
  { description: "Charte graphique complète", price: [1400, 3600, 50] },
  { description: "Shooting photo produits – demi-journée", price: [450, 750, 10] },
  { description: "Shooting photo sur site – journée", price: [850, 1300, 10], for: ["business", "public"] },
  { description: "Retouche et export des photos (par photo)", price: [12, 20, 1], quantity: [15, 80, 5] },
  { description: "Rédaction de contenus web (par page)", price: [140, 190, 5], quantity: [3, 12, 1] },
  { description: "Audit SEO et recommandations", price: [900, 1800, 50] },
  { description: "Accompagnement référencement (jour)", price: [550, 700, 10], quantity: [0.5, 3, 0.5] },
  {
    description: "Formation à l'administration du site WordPress (jour)",
    price: [600, 850, 10],
    quantity: [0.5, 1, 0.5],
    for: ["business", "public"],
  },
  { description: "Conception d'une plaquette commerciale (8 pages)", price: [900, 1900, 50] },
  { description: "Création de supports imprimés (flyers, cartes de visite)", price: [250, 650, 10] },
  { description: "Campagne d'e-mailing – conception et envoi", price: [350, 800, 10] },
  { description: "Hébergement et nom de domaine – abonnement annuel", price: [180, 420, 10] },
  {
    description: "Interventions techniques ponctuelles (heure)",
    price: [70, 90, 5],
    quantity: [1, 8.5, 0.5],
    for: ["business", "public"],
  },
  {
    description: "Tournage et montage d'une vidéo de présentation",
    price: [1800, 3500, 100],
    for: ["video"],
  },
  { description: "Motion design – animation du logo", price: [600, 1200, 50], for: ["video"] },
  {
    description: "Mise en page et fabrication de l'ouvrage (livres, 300 exemplaires)",
    price: [2200, 4800, 100],
    vat_bp: 550,
    for: ["books"],
  },
  {
    description: "Conception graphique de l'affiche et du programme",
    price: [600, 1400, 50],
    for: ["public"],
  },
  { description: "Reportage photo – inauguration", price: [650, 1100, 10], for: ["public"] },
  { description: "Frais de déplacement", price: [45, 180, 5], addon: true, for: ["business", "public"] },
  {
    description: "Refacturation traiteur – atelier de lancement",
    price: [180, 420, 10],
    vat_bp: 1000,
    addon: true,
  },
  { description: "Séance photo portrait en studio", price: [180, 320, 10], for: ["consumer"] },
  { description: "Reportage photo de mariage (journée)", price: [1400, 2200, 50], for: ["consumer"] },
  { description: "Album photo imprimé 30 × 30 cm", price: [180, 350, 10], for: ["consumer"], addon: true },
  { description: "Création d'un site personnel (portfolio)", price: [900, 1600, 50], for: ["consumer"] },
  { description: "Faire-part de naissance – création graphique", price: [120, 250, 10], for: ["consumer"] },
];

export const DISPUTE_REASONS: readonly string[] = [
  "Le client conteste le volume facturé, supérieur selon lui à ce que prévoyait le devis.",
  "Livrables jugés non conformes au cahier des charges : le client demande des corrections avant de payer.",
  "Le client estime que la prestation n'a pas été entièrement réalisée.",
  "Désaccord sur le prix : le client se réfère à un forfait convenu oralement, plus bas que le devis.",
  "Livraison en retard selon le client, qui demande une remise de 20 %.",
  "Le client affirme n'avoir jamais reçu la facture.",
];

export const FRENCH_MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
] as const;
