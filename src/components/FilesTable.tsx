/** Each loaded file with its own accounting. */
import { formatBytes, formatCount } from '../lib/format.ts';
import type { FileSummary } from '../lib/sql/summary.ts';
import { visibleText } from '../lib/visible-text.ts';

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export function FilesTable({ files }: { files: FileSummary[] }) {
  if (files.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="files-title">
      <h2 id="files-title">Files</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Size</th>
              <th scope="col">Format</th>
              <th scope="col" className="num">
                Rows read
              </th>
              <th scope="col" className="num">
                Accepted
              </th>
              <th scope="col" className="num">
                Rejected
              </th>
              <th scope="col" className="num">
                Duplicates
              </th>
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.fileId}>
                <th scope="row">{visibleText(f.name)}</th>
                <td>{formatBytes(f.bytes)}</td>
                <td>
                  {f.encoding.toUpperCase()}, {DELIMITER_NAMES[f.delimiter] ?? f.delimiter}
                </td>
                <td className="num">{formatCount(f.rowsRead)}</td>
                <td className="num">{formatCount(f.accepted)}</td>
                <td className="num">{formatCount(f.rejected)}</td>
                <td className="num">{formatCount(f.duplicates)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
