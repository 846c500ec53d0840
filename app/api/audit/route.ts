// GET /api/audit?limit=&cursor=&action=&userId=&from=&to=&format=json|csv – the audit log, newest first (admin, manager)
import Papa from "papaparse";
import { listAudit } from "@/lib/auth/audit";
import { auditQuerySchema } from "@/lib/contracts/access";
import { BOM } from "@/lib/export/records";
import { json, methodNotAllowed, readQuery, route } from "@/lib/http";

const CSV_PAGE = 500;
const CSV_MAX_ROWS = 100_000;

export const GET = route(
  async (req) => {
    const q = readQuery(req, auditQuerySchema);
    if (q.format === "json") return json(await listAudit(q));
    // CSV: the whole filtered log (bounded), in pages so memory stays flat per page.
    const rows: string[] = [];
    let cursor = q.cursor;
    for (let n = 0; n < CSV_MAX_ROWS; n += CSV_PAGE) {
      const page = await listAudit({ ...q, limit: CSV_PAGE, cursor });
      const data = page.events.map((e) => ({
        ...e,
        targetIds: e.targetIds.join(" "),
        details: JSON.stringify(e.details),
      }));
      const columns = ["id", "at", "userId", "action", "targetType", "targetIds", "details"];
      rows.push(Papa.unparse(data, { columns, header: n === 0, newline: "\r\n", escapeFormulae: true }));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return new Response(BOM + rows.filter(Boolean).join("\r\n") + "\r\n", {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="atelier-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      },
    });
  },
  { permission: "manage" },
);

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
