// GET /api/models – the capability registry and which providers this deployment can use
import { json, route } from "@/lib/http";
import { describeModels } from "@/lib/models";
import { providerInfos } from "@/lib/providers";

export const GET = route(() => json({ providers: providerInfos(), models: describeModels() }));
