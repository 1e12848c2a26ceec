// What the bot stored in Azurite, read back through the Table service's REST API (Shared Key Lite with the
// development account's public key), so the dashboard's figures can be checked against storage, not against the test.
import { createHmac } from 'node:crypto';
import { devAccountKey, devAccountName } from '../support/azurite.mjs';

/** The entities of `table` matching the OData `filter`. */
export async function queryTable(azurite, table, filter) {
  const date = new Date().toUTCString();
  const resource = `/${devAccountName}/${devAccountName}/${table}()`;
  const signature = createHmac('sha256', Buffer.from(devAccountKey, 'base64')).update(`${date}\n${resource}`).digest('base64');
  const response = await fetch(`${azurite.tableEndpoint}/${table}()?$filter=${encodeURIComponent(filter)}`, {
    headers: {
      'x-ms-date': date,
      'x-ms-version': '2019-02-02',
      accept: 'application/json;odata=nometadata',
      authorization: `SharedKeyLite ${devAccountName}:${signature}`,
    },
  });
  if (!response.ok) throw new Error(`${response.status} reading ${table}: ${await response.text()}`);
  return (await response.json()).value;
}

/** The stored summaries of closed pulses (BotState rows `pulse|{id}` / `summary`, JSON in chunks), oldest close first. */
export async function storedSummaries(azurite) {
  const rows = await queryTable(azurite, 'BotState', "RowKey eq 'summary'");
  return rows
    .map((row) => JSON.parse(Array.from({ length: row.Chunks }, (_, i) => row[`Json${i}`]).join('')))
    .sort((a, b) => Date.parse(a.closedAt) - Date.parse(b.closedAt));
}

/** The closed votes' recorded results: question and scores in the vote's option order. */
export async function storedVoteResults(azurite) {
  const rows = await queryTable(azurite, 'Votes', "FinalScores ne ''");
  return rows.map((row) => ({ question: row.Question, scores: String(row.FinalScores).split(',').map(Number) }));
}
