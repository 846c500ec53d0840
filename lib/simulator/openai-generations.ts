import "server-only";
import type { RouteContext } from "./context";
import { openaiError } from "./http";
import { answerImages } from "./openai-answer";
import { textTokens } from "./openai-models";
import { readOpenAIParams } from "./openai-params";
import { renderImage } from "./render";

/** The JSON body as an object, or OpenAI's own "could not parse" 400. */
export function jsonObject(ctx: RouteContext): Record<string, unknown> {
  const b = ctx.body;
  if (b.kind === "json" && b.json !== null && typeof b.json === "object" && !Array.isArray(b.json)) {
    return { ...(b.json as Record<string, unknown>) };
  }
  throw openaiError(
    400,
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
  );
}

export function parseSize(size: string): [number, number] {
  const [w, h] = size.split("x").map(Number);
  return [w, h];
}

// POST /v1/images/generations – OpenAI format (§A)
export async function handleGenerations(ctx: RouteContext): Promise<Response> {
  const p = readOpenAIParams(jsonObject(ctx), "generate", false);
  const [width, height] = parseSize(!p.size || p.size === "auto" ? "1024x1024" : p.size);
  const transparent = p.background === "transparent";
  const format = p.spec.family === "dall-e" ? "png" : p.outputFormat;
  return answerImages(ctx, p, {
    width,
    height,
    textTokens: textTokens(p.prompt),
    imageTokens: 0,
    render: (i) =>
      renderImage({ width, height, seed: p.prompt, variant: i, transparent, format, quality: p.compression }),
  });
}
