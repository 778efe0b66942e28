import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search with typo correction, kept current by triggers in the transaction of every
 * write (a block insert, a content or type change, a page title change), whichever code path
 * makes it.
 *
 * - `ocean_search` is the language configuration (stemming and stop words; english here, the
 *   language of SEARCH_LANGUAGE is put in at start by `applySearchLanguage`), and
 *   `ocean_simple` keeps whole words for prefix matching and typo correction. Both strip
 *   accents first (the unaccent dictionary), so that the parser's words, ts_headline's marks
 *   and the query agree.
 * - `block_search` holds each block's document: its own words (heading text weight A, other
 *   text B), its link URL's words (C) and its page's title (D, context), each stemmed and whole.
 *   The tenant column is the first column of its GIN index (btree_gin), so the organization is
 *   part of the index scan. Its page and whether that page is live (not archived, nor under an
 *   archived page) are kept beside it, so that a search of common words ranks its matches
 *   without a join; the other filters, rarer, join the blocks.
 * - `search_vocabulary` is the set of whole words each organization has written, with a trigram
 *   GiST index (btree_gist for the tenant column) that finds the nearest words of a misspelt one
 *   without reading a block. Words are added and never removed by a write: a word that is no
 *   longer in any block can still be offered as a correction, and then finds nothing.
 */
export class CreateSearch1732900000000 implements MigrationInterface {
  name = 'CreateSearch1732900000000';

  async up(q: QueryRunner): Promise<void> {
    for (const extension of ['unaccent', 'pg_trgm', 'btree_gin', 'btree_gist', 'fuzzystrmatch']) {
      await q.query(`CREATE EXTENSION IF NOT EXISTS ${extension}`);
    }
    const wordTypes = 'asciiword, asciihword, hword_asciipart, word, hword, hword_part';
    await q.query(`CREATE TEXT SEARCH CONFIGURATION ocean_simple (COPY = simple)`);
    await q.query(`ALTER TEXT SEARCH CONFIGURATION ocean_simple ALTER MAPPING FOR ${wordTypes} WITH unaccent, simple`);
    await q.query(`CREATE TEXT SEARCH CONFIGURATION ocean_search (COPY = english)`);
    await q.query(
      `ALTER TEXT SEARCH CONFIGURATION ocean_search ALTER MAPPING FOR ${wordTypes} WITH unaccent, english_stem`,
    );

    // The block's own words, as search, highlights and embeddings read them.
    await q.query(`
      CREATE FUNCTION ocean_block_text(block_type text, content jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE block_type
          WHEN 'list' THEN coalesce((
            SELECT string_agg(item, E'\\n' ORDER BY ord)
            FROM jsonb_array_elements_text(content->'items') WITH ORDINALITY AS i(item, ord)), '')
          WHEN 'link' THEN concat_ws(' ', nullif(content->>'text', ''), content->>'url')
          WHEN 'page_link' THEN coalesce(content->>'displayText', '')
          ELSE coalesce(content->>'text', '')
        END
      $$`);
    await q.query(`
      CREATE FUNCTION ocean_search_words(config regconfig, body text) RETURNS tsvector
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT to_tsvector(config, body) || to_tsvector('ocean_simple', body)
      $$`);
    // The URL of a link block contributes its words (host parts and path segments), not its syntax.
    await q.query(`
      CREATE FUNCTION ocean_search_document(block_type text, content jsonb, title text) RETURNS tsvector
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT setweight(ocean_search_words('ocean_search',
                   CASE WHEN block_type = 'link' THEN coalesce(content->>'text', '')
                        ELSE ocean_block_text(block_type, content) END),
                 CASE WHEN block_type = 'heading' THEN 'A' ELSE 'B' END::"char")
            || setweight(ocean_search_words('ocean_search',
                   CASE WHEN block_type = 'link' THEN regexp_replace(
                     regexp_replace(content->>'url', '^[a-z][a-z0-9+.-]*://', '', 'i'), '[^[:alnum:]]+', ' ', 'g')
                   ELSE '' END), 'C')
            || setweight(ocean_search_words('ocean_search', coalesce(title, '')), 'D')
      $$`);
    // Words worth correcting to: three to forty characters, no digits or ASCII punctuation.
    await q.query(`
      CREATE FUNCTION ocean_vocabulary_words(body text) RETURNS SETOF text
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT lexeme FROM unnest(to_tsvector('ocean_simple', body))
        WHERE length(lexeme) BETWEEN 3 AND 40 AND lexeme !~ '[0-9!-/:-@[-\`{-~]'
      $$`);

    await q.query(`
      CREATE TABLE block_search (
        block_id uuid NOT NULL,
        organization_id text NOT NULL,
        page_id uuid NOT NULL,
        live boolean NOT NULL,
        document tsvector NOT NULL,
        CONSTRAINT block_search_pkey PRIMARY KEY (block_id),
        CONSTRAINT block_search_block_fk FOREIGN KEY (organization_id, block_id)
          REFERENCES blocks (organization_id, block_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX block_search_document_idx ON block_search USING gin (organization_id, document)`);
    await q.query(`CREATE INDEX block_search_page_idx ON block_search (organization_id, page_id)`);
    await q.query(`
      CREATE TABLE search_vocabulary (
        organization_id text NOT NULL,
        word text COLLATE "C" NOT NULL,
        CONSTRAINT search_vocabulary_pkey PRIMARY KEY (organization_id, word)
      )`);
    await q.query(
      `CREATE INDEX search_vocabulary_trgm_idx ON search_vocabulary USING gist (organization_id, word gist_trgm_ops)`,
    );

    // The words of `text` learnt for `organization` (per row of `from`, if given), in key order.
    const learn = (organization: string, text: string, from?: string): string =>
      `INSERT INTO search_vocabulary (organization_id, word)
        SELECT DISTINCT ${organization}, w FROM ${from ? `${from} CROSS JOIN LATERAL ` : ''}ocean_vocabulary_words(${text}) w
        ORDER BY 1, 2 ON CONFLICT DO NOTHING;`;
    // Statement-level triggers: a batch of 100 blocks is indexed by one statement, not 100.
    // Vocabulary words are inserted in key order, so concurrent writers never deadlock on them.
    await q.query(`
      CREATE FUNCTION ocean_index_inserted_blocks() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO block_search (block_id, organization_id, page_id, live, document)
        SELECT n.block_id, n.organization_id, n.page_id, NOT (p.is_archived OR p.in_archived_subtree),
          ocean_search_document(n.block_type, n.content, p.title)
        FROM new_blocks n JOIN pages p ON p.organization_id = n.organization_id AND p.page_id = n.page_id;
        ${learn('n.organization_id', 'ocean_block_text(n.block_type, n.content)', 'new_blocks n')}
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER blocks_search_insert AFTER INSERT ON blocks
      REFERENCING NEW TABLE AS new_blocks FOR EACH STATEMENT EXECUTE FUNCTION ocean_index_inserted_blocks()`);
    // Row-level, with a WHEN the executor checks before calling anything: a move, a properties
    // or vector change (most block updates) costs the trigger nothing.
    await q.query(`
      CREATE FUNCTION ocean_index_updated_block() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE block_search s SET document = ocean_search_document(NEW.block_type, NEW.content, p.title)
        FROM pages p
        WHERE p.organization_id = NEW.organization_id AND p.page_id = NEW.page_id
          AND s.organization_id = NEW.organization_id AND s.block_id = NEW.block_id;
        ${learn('NEW.organization_id', 'ocean_block_text(NEW.block_type, NEW.content)')}
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER blocks_search_update AFTER UPDATE OF content, block_type ON blocks FOR EACH ROW
      WHEN (OLD.content IS DISTINCT FROM NEW.content OR OLD.block_type IS DISTINCT FROM NEW.block_type)
      EXECUTE FUNCTION ocean_index_updated_block()`);
    // A page's title is context in each of its blocks' documents, and an archived page hides them.
    await q.query(`
      CREATE FUNCTION ocean_index_page_titles() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          UPDATE block_search s SET document = ocean_search_document(b.block_type, b.content, n.title)
          FROM new_pages n
          JOIN old_pages o ON o.page_id = n.page_id AND o.title IS DISTINCT FROM n.title
          JOIN blocks b ON b.organization_id = n.organization_id AND b.page_id = n.page_id
          WHERE s.block_id = b.block_id;
          UPDATE block_search s SET live = NOT (n.is_archived OR n.in_archived_subtree)
          FROM new_pages n
          JOIN old_pages o ON o.page_id = n.page_id
            AND (o.is_archived OR o.in_archived_subtree) IS DISTINCT FROM (n.is_archived OR n.in_archived_subtree)
          WHERE s.organization_id = n.organization_id AND s.page_id = n.page_id;
          ${learn('n.organization_id', 'n.title', 'new_pages n JOIN old_pages o ON o.page_id = n.page_id AND o.title IS DISTINCT FROM n.title')}
        ELSE
          ${learn('n.organization_id', 'n.title', 'new_pages n')}
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER pages_search_insert AFTER INSERT ON pages
      REFERENCING NEW TABLE AS new_pages FOR EACH STATEMENT EXECUTE FUNCTION ocean_index_page_titles()`);
    await q.query(`
      CREATE TRIGGER pages_search_update AFTER UPDATE ON pages
      REFERENCING OLD TABLE AS old_pages NEW TABLE AS new_pages
      FOR EACH STATEMENT EXECUTE FUNCTION ocean_index_page_titles()`);

    // What was written before search existed.
    await q.query(`
      INSERT INTO block_search (block_id, organization_id, page_id, live, document)
      SELECT b.block_id, b.organization_id, b.page_id, NOT (p.is_archived OR p.in_archived_subtree),
        ocean_search_document(b.block_type, b.content, p.title)
      FROM blocks b JOIN pages p ON p.organization_id = b.organization_id AND p.page_id = b.page_id`);
    await q.query(`
      INSERT INTO search_vocabulary (organization_id, word)
      SELECT DISTINCT organization_id, w FROM (
        SELECT b.organization_id, ocean_vocabulary_words(ocean_block_text(b.block_type, b.content)) w FROM blocks b
        UNION ALL
        SELECT p.organization_id, ocean_vocabulary_words(p.title) FROM pages p
      ) words
      ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER pages_search_update ON pages`);
    await q.query(`DROP TRIGGER pages_search_insert ON pages`);
    await q.query(`DROP TRIGGER blocks_search_update ON blocks`);
    await q.query(`DROP TRIGGER blocks_search_insert ON blocks`);
    await q.query(`DROP FUNCTION ocean_index_page_titles()`);
    await q.query(`DROP FUNCTION ocean_index_updated_block()`);
    await q.query(`DROP FUNCTION ocean_index_inserted_blocks()`);
    await q.query(`DROP TABLE search_vocabulary`);
    await q.query(`DROP TABLE block_search`);
    await q.query(`DROP FUNCTION ocean_vocabulary_words(text)`);
    await q.query(`DROP FUNCTION ocean_search_document(text, jsonb, text)`);
    await q.query(`DROP FUNCTION ocean_search_words(regconfig, text)`);
    await q.query(`DROP FUNCTION ocean_block_text(text, jsonb)`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION ocean_search`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION ocean_simple`);
  }
}
