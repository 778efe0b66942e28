import type { DataSource } from 'typeorm';
import { ConfigError } from '../config/config';

const WORD_TYPES = 'asciiword, asciihword, hword_asciipart, word, hword, hword_part';

/** The dictionary that stems SEARCH_LANGUAGE's words: `<language>_stem`, or simple for none. */
const dictionaryOf = (language: string): string => (language === 'simple' ? 'simple' : `${language}_stem`);

/**
 * Makes `ocean_search` stem in SEARCH_LANGUAGE, and when that changes the language, rebuilds
 * every block's document in the same transaction (the documents of the old language would
 * no longer match the queries of the new one). A no-op when the language is already the one
 * configured. Returns the number of documents rebuilt.
 */
export async function applySearchLanguage(dataSource: DataSource, language: string): Promise<number> {
  const dictionary = dictionaryOf(language);
  const known: Array<{ dictname: string }> = await dataSource.query(
    `SELECT dictname FROM pg_ts_dict WHERE dictname = 'simple' OR dictname LIKE '%\\_stem' ORDER BY dictname`,
  );
  if (!known.some((d) => d.dictname === dictionary)) {
    const languages = known.map((d) => d.dictname.replace(/_stem$/, '')).join(', ');
    throw new ConfigError(`invalid configuration: SEARCH_LANGUAGE=${language} is not one of ${languages}`);
  }
  const current: Array<{ dictname: string }> = await dataSource.query(
    `SELECT d.dictname FROM pg_ts_config_map m
       JOIN pg_ts_config c ON c.oid = m.mapcfg
       JOIN pg_ts_dict d ON d.oid = m.mapdict
     WHERE c.cfgname = 'ocean_search'
       AND m.maptokentype = (SELECT tokid FROM ts_token_type('default') WHERE alias = 'asciiword')
     ORDER BY m.mapseqno DESC LIMIT 1`,
  );
  if (current[0]?.dictname === dictionary) return 0;
  return dataSource.transaction(async (manager) => {
    // Instances that start together wait for one another here rather than rebuild twice.
    await manager.query(`LOCK TABLE block_search IN EXCLUSIVE MODE`);
    await manager.query(
      `ALTER TEXT SEARCH CONFIGURATION ocean_search ALTER MAPPING FOR ${WORD_TYPES} WITH unaccent, ${dictionary}`,
    );
    const [, rebuilt] = await manager.query<[unknown, number]>(
      `UPDATE block_search s SET document = ocean_search_document(b.block_type, b.content, p.title)
       FROM blocks b JOIN pages p ON p.organization_id = b.organization_id AND p.page_id = b.page_id
       WHERE b.organization_id = s.organization_id AND b.block_id = s.block_id`,
    );
    return rebuilt;
  });
}
