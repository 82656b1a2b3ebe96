import { Database } from '@frozen-duckdb/core';
import { generateChinook } from '../src/index.js';
import { CHINOOK_COUNTS, CHINOOK_TABLES } from '../src/chinook.js';

describe('chinook', () => {
  it('has the real row counts and foreign keys that hold', async () => {
    const db = await Database.open(':memory:');
    try {
      const c = await db.connect();
      const counts = await generateChinook(c);
      expect(counts.map((t) => [t.table, t.rows])).toEqual(CHINOOK_TABLES.map((t) => [t, CHINOOK_COUNTS[t]]));
      expect(CHINOOK_COUNTS).toMatchObject({
        artists: 275,
        albums: 347,
        tracks: 3503,
        genres: 25,
        media_types: 5,
        playlists: 18,
        employees: 8,
        customers: 59,
        invoices: 412,
        invoice_items: 2240,
      });
      const orphans = [
        'SELECT count(*) FROM albums LEFT JOIN artists USING (ArtistId) WHERE artists.Name IS NULL',
        'SELECT count(*) FROM tracks t LEFT JOIN albums a ON t.AlbumId = a.AlbumId WHERE a.AlbumId IS NULL',
        'SELECT count(*) FROM tracks t LEFT JOIN genres g ON t.GenreId = g.GenreId WHERE g.GenreId IS NULL',
        'SELECT count(*) FROM tracks t LEFT JOIN media_types m ON t.MediaTypeId = m.MediaTypeId WHERE m.MediaTypeId IS NULL',
        'SELECT count(*) FROM playlist_track p LEFT JOIN tracks t ON p.TrackId = t.TrackId WHERE t.TrackId IS NULL',
        'SELECT count(*) FROM customers c LEFT JOIN employees e ON c.SupportRepId = e.EmployeeId WHERE e.EmployeeId IS NULL',
        'SELECT count(*) FROM employees e LEFT JOIN employees b ON e.ReportsTo = b.EmployeeId WHERE e.ReportsTo IS NOT NULL AND b.EmployeeId IS NULL',
        'SELECT count(*) FROM invoices i LEFT JOIN customers c ON i.CustomerId = c.CustomerId WHERE c.CustomerId IS NULL',
        'SELECT count(*) FROM invoice_items l LEFT JOIN invoices i ON l.InvoiceId = i.InvoiceId WHERE i.InvoiceId IS NULL',
        'SELECT count(*) FROM albums a WHERE NOT EXISTS (SELECT 1 FROM tracks t WHERE t.AlbumId = a.AlbumId)',
        'SELECT count(*) FROM invoices i WHERE Total <> (SELECT sum(UnitPrice * Quantity) FROM invoice_items l WHERE l.InvoiceId = i.InvoiceId)',
        'SELECT count(*) FROM invoice_items l JOIN tracks t USING (TrackId) WHERE l.UnitPrice <> t.UnitPrice',
      ];
      for (const sql of orphans) expect([sql, Number(await c.scalar(sql))]).toEqual([sql, 0]);
    } finally {
      db.close();
    }
  });
});
