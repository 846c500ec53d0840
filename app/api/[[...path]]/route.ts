// ANY /api/* – a URL no route serves: the contract's JSON 404 `not_found`, never the HTML 404 page
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";

// Every more specific route wins over this catch-all; what reaches it names nothing the studio serves.
// API clients parse the error shape, so an unknown path must answer it like an unknown id does.
// Signed out, it is 401 like every route: the route map is not for strangers.
const unknownRoute = route(
  (req) => {
    throw new AppError("not_found", `No API route at ${new URL(req.url).pathname}`);
  },
  { permission: "read" },
);

export {
  unknownRoute as DELETE,
  unknownRoute as GET,
  unknownRoute as HEAD,
  unknownRoute as OPTIONS,
  unknownRoute as PATCH,
  unknownRoute as POST,
  unknownRoute as PUT,
};
