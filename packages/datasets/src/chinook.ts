// The Chinook sample database's schema (a digital music store) with its real row counts, generated in SQL:
// real genres, media types, playlists and staff; made-up artists, titles and customers; valid foreign keys.
import type { Connection } from '@frozen-duckdb/core';
import { hashSql, sqlList } from './tpch/draws.js';

export const CHINOOK_TABLES = [
  'genres',
  'media_types',
  'artists',
  'albums',
  'tracks',
  'playlists',
  'playlist_track',
  'employees',
  'customers',
  'invoices',
  'invoice_items',
] as const;
export type ChinookTable = (typeof CHINOOK_TABLES)[number];

/** Rows per table in the real Chinook database. */
export const CHINOOK_COUNTS: Record<ChinookTable, number> = {
  genres: 25,
  media_types: 5,
  artists: 275,
  albums: 347,
  tracks: 3503,
  playlists: 18,
  playlist_track: 8715,
  employees: 8,
  customers: 59,
  invoices: 412,
  invoice_items: 2240,
};

// Word lists stay as written, many to a line (prettier would put one word on each).
// prettier-ignore
const GENRES = [
  'Rock', 'Jazz', 'Metal', 'Alternative & Punk', 'Rock And Roll', 'Blues', 'Latin', 'Reggae', 'Pop', 'Soundtrack',
  'Bossa Nova', 'Easy Listening', 'Heavy Metal', 'R&B/Soul', 'Electronica/Dance', 'World', 'Hip Hop/Rap',
  'Science Fiction', 'TV Shows', 'Sci Fi & Fantasy', 'Drama', 'Comedy', 'Alternative', 'Classical', 'Opera',
];
// prettier-ignore
const MEDIA_TYPES = [
  'MPEG audio file', 'Protected AAC audio file', 'Protected MPEG-4 video file', 'Purchased AAC audio file', 'AAC audio file',
];
// prettier-ignore
const PLAYLISTS = [
  'Music', 'Movies', 'TV Shows', 'Audiobooks', "90's Music", 'Audiobooks', 'Movies', 'Music', 'Music Videos', 'TV Shows',
  'Brazilian Music', 'Classical', 'Classical 101 - Deep Cuts', 'Classical 101 - Next Steps', 'Classical 101 - The Basics',
  'Grunge', 'Heavy Metal Classic', 'On-The-Go 1',
];
const EMPLOYEES: readonly (readonly [string, string, string, number | null, string])[] = [
  ['Adams', 'Andrew', 'General Manager', null, '2002-08-14'],
  ['Edwards', 'Nancy', 'Sales Manager', 1, '2002-05-01'],
  ['Peacock', 'Jane', 'Sales Support Agent', 2, '2002-04-01'],
  ['Park', 'Margaret', 'Sales Support Agent', 2, '2003-05-03'],
  ['Johnson', 'Steve', 'Sales Support Agent', 2, '2003-10-17'],
  ['Mitchell', 'Michael', 'IT Manager', 1, '2003-10-17'],
  ['King', 'Robert', 'IT Staff', 6, '2004-01-02'],
  ['Callahan', 'Laura', 'IT Staff', 6, '2004-03-04'],
];
// prettier-ignore
const WORDS = [
  'Night', 'Blue', 'Fire', 'Heart', 'Road', 'Dream', 'Love', 'Stone', 'River', 'Light', 'Shadow', 'City', 'Rain',
  'Golden', 'Wild', 'Electric', 'Silent', 'Summer', 'Midnight', 'Thunder', 'Sweet', 'Broken', 'Rising', 'Angel',
  'Ocean', 'Highway', 'Desert', 'Echo', 'Crystal', 'Velvet', 'Iron', 'Paper', 'Garden', 'Moon', 'Star', 'Song',
];
// prettier-ignore
const FIRST_NAMES = [
  'Luis', 'Leonie', 'François', 'Bjørn', 'František', 'Helena', 'Astrid', 'Daan', 'Kara', 'Eduardo', 'Alexandre',
  'Roberto', 'Fernanda', 'Mark', 'Jennifer', 'Frank', 'Jack', 'Michelle', 'Tim', 'Dan', 'Kathy', 'Heather', 'John',
  'Robert', 'Victor', 'Richard', 'Patrick', 'Julia', 'Edward', 'Martha', 'Aaron', 'Ellie', 'Camille', 'Dominique',
  'Marc', 'Wyatt', 'Isabelle', 'Hannah', 'Niklas', 'Ladislav', 'Hugh', 'Lucas', 'Johannes', 'Stanisław', 'Enrique',
  'Joakim', 'Emma', 'Phil', 'Steve', 'Madalena', 'Manoj', 'Puja', 'Diego', 'Luís', 'Terhi', 'Mark', 'Jens', 'Bjorn',
  'Tomas',
];
// prettier-ignore
const LAST_NAMES = [
  'Gonçalves', 'Köhler', 'Tremblay', 'Hansen', 'Wichterlová', 'Holý', 'Schneider', 'Peeters', 'Nielsen', 'Martins',
  'Rocha', 'Almeida', 'Ramos', 'Philips', 'Peterson', 'Harris', 'Smith', 'Brooks', 'Goyer', 'Miller', 'Chase',
  'Gordon', 'Ralston', 'Stevens', 'Cunningham', 'Barnett', 'Brown', 'Mitchell', 'Francis', 'Silk', 'Bernard',
  'Lefebvre', 'Dubois', 'Mercier', 'Girard', 'Schröder', 'Zimmermann', 'Kovács', 'OReilly', 'Rossi', 'Kowalski',
  'Muñoz', 'Johansson', 'Jones', 'Fernandes', 'Sampaio', 'Pareek', 'Srivastava', 'Gutiérrez', 'Lindqvist', 'Mercer',
];
// prettier-ignore
const PLACES: readonly (readonly [string, string])[] = [
  ['São Paulo', 'Brazil'], ['Stuttgart', 'Germany'], ['Montréal', 'Canada'], ['Oslo', 'Norway'], ['Prague', 'Czech Republic'],
  ['Vienne', 'Austria'], ['Brussels', 'Belgium'], ['Copenhagen', 'Denmark'], ['Rio de Janeiro', 'Brazil'],
  ['Edmonton', 'Canada'], ['Mountain View', 'USA'], ['Redmond', 'USA'], ['New York', 'USA'], ['Boston', 'USA'],
  ['Chicago', 'USA'], ['Toronto', 'Canada'], ['Paris', 'France'], ['Lyon', 'France'], ['Berlin', 'Germany'],
  ['Budapest', 'Hungary'], ['Dublin', 'Ireland'], ['Rome', 'Italy'], ['Amsterdam', 'Netherlands'], ['Warsaw', 'Poland'],
  ['Lisbon', 'Portugal'], ['Madrid', 'Spain'], ['Stockholm', 'Sweden'], ['London', 'United Kingdom'],
  ['Edinburgh', 'United Kingdom'], ['Buenos Aires', 'Argentina'], ['Santiago', 'Chile'], ['Bangalore', 'India'],
  ['Delhi', 'India'], ['Sidney', 'Australia'], ['Helsinki', 'Finland'], ['Orlando', 'USA'], ['Vancouver', 'Canada'],
];
// Lines per invoice in the real data repeat 1, 2, 2, 4, 6, 9, 14; twelve invoices get one more to reach 2,240.
const LINES_PATTERN = [1, 2, 2, 4, 6, 9, 14];

const h = (key: string, stream: number) => `${hashSql(key, stream, 0)}`;
const pick = (list: readonly string[], key: string, stream: number) => `${sqlList(list)}[1 + (${h(key, stream)} % ${list.length})::BIGINT]`;
const words = (key: string, stream: number, count: number) =>
  Array.from({ length: count }, (_, i) => pick(WORDS, `(${key}) * 8 + ${i}`, stream)).join(` || ' ' || `);

function valuesOf(rows: readonly (readonly (string | number | null)[])[]): string {
  const literal = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);
  return rows.map((row) => `(${row.map(literal).join(', ')})`).join(', ');
}

/** The statements that create and fill the 11 tables, in foreign-key order. */
export function chinookSql(): { table: ChinookTable; statements: string[] }[] {
  const n = CHINOOK_COUNTS;
  const places = sqlList(PLACES.map(([city]) => city));
  const countries = sqlList(PLACES.map(([, country]) => country));
  const statements = [
    `CREATE TABLE genres (GenreId INTEGER PRIMARY KEY, Name VARCHAR)`,
    `INSERT INTO genres VALUES ${valuesOf(GENRES.map((g, i) => [i + 1, g]))}`,
    `CREATE TABLE media_types (MediaTypeId INTEGER PRIMARY KEY, Name VARCHAR)`,
    `INSERT INTO media_types VALUES ${valuesOf(MEDIA_TYPES.map((m, i) => [i + 1, m]))}`,
    `CREATE TABLE artists (ArtistId INTEGER PRIMARY KEY, Name VARCHAR)`,
    `INSERT INTO artists SELECT k + 1, 'The ' || ${words('k', 1, 2)} FROM range(${n.artists}) r(k)`,
    `CREATE TABLE albums (AlbumId INTEGER PRIMARY KEY, Title VARCHAR NOT NULL, ArtistId INTEGER NOT NULL REFERENCES artists)`,
    `INSERT INTO albums SELECT k + 1, ${words('k', 2, 3)}, 1 + (${h('k', 3)} % ${n.artists})::INTEGER FROM range(${n.albums}) r(k)`,
    `CREATE TABLE tracks (TrackId INTEGER PRIMARY KEY, Name VARCHAR NOT NULL,
       AlbumId INTEGER REFERENCES albums, MediaTypeId INTEGER NOT NULL REFERENCES media_types,
       GenreId INTEGER REFERENCES genres, Composer VARCHAR, Milliseconds INTEGER NOT NULL, Bytes INTEGER,
       UnitPrice DECIMAL(10,2) NOT NULL)`,
    // Every album gets a track; media types in the real proportions (3,034 MPEG, 237, 214 video, 7, 11).
    `INSERT INTO tracks SELECT k + 1, name, album, media, genre, composer, ms, (ms * 33 + (${h('k', 4)} % 100000))::INTEGER,
       CASE WHEN media = 3 THEN 1.99 ELSE 0.99 END
     FROM (SELECT k, ${words('k', 5, 2)} AS name,
       CASE WHEN k < ${n.albums} THEN k + 1 ELSE 1 + (${h('k', 6)} % ${n.albums})::INTEGER END AS album,
       CASE WHEN m < 3034 THEN 1 WHEN m < 3271 THEN 2 WHEN m < 3485 THEN 3 WHEN m < 3492 THEN 4 ELSE 5 END AS media,
       1 + (${h('k', 7)} % ${GENRES.length})::INTEGER AS genre,
       CASE WHEN ${h('k', 8)} % 100 < 28 THEN NULL ELSE ${pick(FIRST_NAMES, 'k', 9)} || ' ' || ${pick(LAST_NAMES, 'k', 10)} END AS composer,
       (60000 + ${h('k', 11)} % 540000)::INTEGER AS ms
       FROM (SELECT k, (${h('k', 12)} % ${n.tracks})::INTEGER AS m FROM range(${n.tracks}) r(k)))`,
    `CREATE TABLE playlists (PlaylistId INTEGER PRIMARY KEY, Name VARCHAR)`,
    `INSERT INTO playlists VALUES ${valuesOf(PLAYLISTS.map((p, i) => [i + 1, p]))}`,
    `CREATE TABLE playlist_track (PlaylistId INTEGER NOT NULL REFERENCES playlists,
       TrackId INTEGER NOT NULL REFERENCES tracks, PRIMARY KEY (PlaylistId, TrackId))`,
    `INSERT INTO playlist_track SELECT p + 1, t + 1 FROM range(${n.playlists}) a(p), range(${n.tracks}) b(t)
     ORDER BY ${h(`p * ${n.tracks} + t`, 13)} LIMIT ${n.playlist_track}`,
    `CREATE TABLE employees (EmployeeId INTEGER PRIMARY KEY, LastName VARCHAR NOT NULL, FirstName VARCHAR NOT NULL,
       Title VARCHAR, ReportsTo INTEGER REFERENCES employees, BirthDate TIMESTAMP, HireDate TIMESTAMP, Address VARCHAR,
       City VARCHAR, State VARCHAR, Country VARCHAR, PostalCode VARCHAR, Phone VARCHAR, Fax VARCHAR, Email VARCHAR)`,
    ...EMPLOYEES.map(
      ([last, first, title, reportsTo, hired], i) =>
        `INSERT INTO employees VALUES (${i + 1}, '${last}', '${first}', '${title}', ${reportsTo ?? 'NULL'},
        TIMESTAMP '${1947 + i * 3}-0${1 + (i % 9)}-1${i % 9} 00:00:00', TIMESTAMP '${hired} 00:00:00',
        '${100 + i * 37} ${WORDS[i]} Ave', '${i < 6 ? 'Calgary' : 'Lethbridge'}', 'AB', 'Canada', 'T2P 2T${i}',
        '+1 (403) 262-34${10 + i}', '+1 (403) 262-33${20 + i}', '${first.toLowerCase()}@chinookcorp.com')`,
    ),
    `CREATE TABLE customers (CustomerId INTEGER PRIMARY KEY, FirstName VARCHAR NOT NULL, LastName VARCHAR NOT NULL,
       Company VARCHAR, Address VARCHAR, City VARCHAR, State VARCHAR, Country VARCHAR, PostalCode VARCHAR, Phone VARCHAR,
       Fax VARCHAR, Email VARCHAR NOT NULL, SupportRepId INTEGER REFERENCES employees)`,
    `INSERT INTO customers SELECT k + 1, first, last,
       CASE WHEN ${h('k', 14)} % 4 = 0 THEN ${words('k', 15, 1)} || ' Ltda.' END,
       (100 + ${h('k', 2)} % 9000)::VARCHAR || ' ' || ${words('k', 3, 1)} || ' Street',
       ${places}[1 + place], NULL, ${countries}[1 + place], lpad((${h('k', 4)} % 100000)::VARCHAR, 5, '0'),
       '+' || (1 + ${h('k', 5)} % 98)::VARCHAR || ' ' || lpad((${h('k', 6)} % 100000000)::VARCHAR, 8, '0'), NULL,
       lower(first) || '.' || lower(last) || (k + 1)::VARCHAR || '@example.com', 3 + (k % 3)::INTEGER
     FROM (SELECT k, ${pick(FIRST_NAMES, 'k', 7)} AS first, ${pick(LAST_NAMES, 'k', 8)} AS last,
       (${h('k', 9)} % ${PLACES.length})::BIGINT AS place FROM range(${n.customers}) r(k))`,
    // Lines first (a temporary table): invoice totals are their sums.
    `CREATE OR REPLACE TEMP TABLE chinook_lines AS
     SELECT i, l, t.TrackId, t.UnitPrice
     FROM (SELECT i, unnest(range(${sqlList(LINES_PATTERN.map(String))}[1 + i % 7]::INTEGER + CASE WHEN i < 12 THEN 1 ELSE 0 END)) AS l
           FROM range(${n.invoices}) r(i)) lines
     JOIN tracks t ON t.TrackId = (i * 37 + l * 2) % ${n.tracks} + 1`,
    `CREATE TABLE invoices (InvoiceId INTEGER PRIMARY KEY, CustomerId INTEGER NOT NULL REFERENCES customers,
       InvoiceDate TIMESTAMP NOT NULL, BillingAddress VARCHAR, BillingCity VARCHAR, BillingState VARCHAR,
       BillingCountry VARCHAR, BillingPostalCode VARCHAR, Total DECIMAL(10,2) NOT NULL)`,
    `INSERT INTO invoices
     SELECT i + 1, c.CustomerId, TIMESTAMP '2009-01-01' + to_days((i * 1826 // ${n.invoices})::INTEGER),
       c.Address, c.City, c.State, c.Country, c.PostalCode, total
     FROM (SELECT i, sum(UnitPrice) AS total FROM chinook_lines GROUP BY i) totals
     JOIN customers c ON c.CustomerId = i % ${n.customers} + 1
     ORDER BY i`,
    `CREATE TABLE invoice_items (InvoiceLineId INTEGER PRIMARY KEY, InvoiceId INTEGER NOT NULL REFERENCES invoices,
       TrackId INTEGER NOT NULL REFERENCES tracks, UnitPrice DECIMAL(10,2) NOT NULL, Quantity INTEGER NOT NULL)`,
    `INSERT INTO invoice_items SELECT row_number() OVER (ORDER BY i, l), i + 1, TrackId, UnitPrice, 1 FROM chinook_lines ORDER BY i, l`,
    `DROP TABLE temp.chinook_lines`,
  ];
  // Group the statements by the table they create or fill (the temporary lines belong to invoices).
  const groups: { table: ChinookTable; statements: string[] }[] = [];
  for (const statement of statements) {
    const table = CHINOOK_TABLES.find((t) => new RegExp(`^(CREATE TABLE|INSERT INTO) ${t} `).test(statement));
    const last = groups[groups.length - 1];
    if (table && table !== last?.table) groups.push({ table, statements: [statement] });
    else last?.statements.push(statement);
  }
  const lines = groups.findIndex((g) => g.statements.some((s) => s.includes('chinook_lines AS')));
  const moved = groups[lines];
  if (moved && groups[lines + 1]) {
    groups[lines + 1]!.statements.unshift(...moved.statements.filter((s) => s.includes('chinook_lines AS')));
    moved.statements = moved.statements.filter((s) => !s.includes('chinook_lines AS'));
  }
  return groups;
}

/** Creates the 11 Chinook tables in the connection's current database (replacing any of the same name). */
export async function generateChinook(
  connection: Connection,
  options: { onTable?: (event: { phase: 'start'; table: string } | { phase: 'done'; table: string; rows: number; ms: number }) => void } = {},
): Promise<{ table: ChinookTable; rows: number; ms: number }[]> {
  for (const table of [...CHINOOK_TABLES].reverse()) await connection.run(`DROP TABLE IF EXISTS ${table}`);
  const counts = [];
  for (const { table, statements } of chinookSql()) {
    options.onTable?.({ phase: 'start', table });
    const started = performance.now();
    for (const statement of statements) await connection.run(statement);
    const rows = Number(await connection.scalar(`SELECT count(*) FROM ${table}`));
    const ms = performance.now() - started;
    counts.push({ table, rows, ms });
    options.onTable?.({ phase: 'done', table, rows, ms });
  }
  return counts;
}
