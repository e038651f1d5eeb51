/**
 * Renders reports/properties.md from the records the property files wrote (reports/properties/*.json).
 * The property files do this themselves when they end; run it by hand after editing a record or the format:
 * `npx tsx properties/write-report.ts`.
 */
import { MARKDOWN, readRecords, writeMarkdown } from './report.js';

await writeMarkdown();
const count = readRecords().reduce((sum, file) => sum + Object.keys(file.properties).length, 0);
console.log(`wrote ${MARKDOWN} (${count} properties)`);
