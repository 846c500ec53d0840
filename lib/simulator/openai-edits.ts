import "server-only";
import type { FilePart, RouteContext } from "./context";
import { openaiError } from "./http";
import { answerImages } from "./openai-answer";
import { parseSize } from "./openai-generations";
import { inputImageTokens, textTokens } from "./openai-models";
import { readOpenAIParams, type OpenAIParams } from "./openai-params";
import { renderEdit } from "./render";

const MB = 1024 * 1024;
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];

const bad = (param: string, message: string, code: string) => openaiError(400, message, { param, code });

/** Splits the parts by field name; anything but image / image[] / mask is refused like an unknown parameter. */
function splitParts(
  fields: Record<string, string>,
  files: FilePart[],
): { images: FilePart[]; mask: FilePart | undefined } {
  for (const name of ["image", "image[]", "mask"]) {
    if (name in fields)
      throw bad(name, `Invalid type for '${name}': expected a file, but got a string instead.`, "invalid_type");
  }
  const other = files.find((f) => !["image", "image[]", "mask"].includes(f.name));
  if (other) throw bad(other.name, `Unknown parameter: '${other.name}'.`, "unknown_parameter");
  const masks = files.filter((f) => f.name === "mask");
  if (masks.length > 1) throw bad("mask", "Only one 'mask' file may be sent.", "invalid_value");
  return { images: files.filter((f) => f.name !== "mask"), mask: masks[0] };
}

/** gpt-image: 1–16 PNG/JPEG/WebP under 50 MB; dall-e-2: exactly one square PNG under 4 MB (§B.2). */
function checkImages(p: OpenAIParams, images: FilePart[], hasMask: boolean): void {
  const max = p.spec.maxEditImages;
  if (images.length === 0) throw bad("image", "Missing required parameter: 'image'.", "missing_required_parameter");
  if (images.length > max) {
    throw bad(
      "image",
      `Invalid 'image': array too long. Expected an array with maximum length ${max}, but got an array with length ${images.length} instead.`,
      "array_above_max_length",
    );
  }
  images.forEach((img, i) => {
    if (!IMAGE_TYPES.includes(img.type)) {
      throw bad(
        "image",
        `Invalid file 'image': unsupported mimetype ('${img.type || "none"}'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.`,
        "unsupported_file_mimetype",
      );
    }
    // Of a part cut at MAX_PART_BYTES only the start was read: too large, whatever its header says.
    const tooLarge = p.spec.family === "gpt-image" && (img.truncated || img.size >= 50 * MB);
    const fmt = img.info?.format;
    if (!tooLarge && (!img.info || !fmt || !["png", "jpeg", "webp"].includes(fmt))) {
      throw bad(
        "image",
        `Invalid image file or mode for image ${i + 1}, please check your image file.`,
        "invalid_image_format",
      );
    }
    if (tooLarge) throw bad("image", `Image ${i + 1} is larger than 50 MB.`, "image_too_large");
  });
  if (p.model !== "dall-e-2") return;
  const { info, size, truncated } = images[0];
  if (info!.format !== "png" || truncated || size >= 4 * MB)
    throw bad("image", "Uploaded image must be a PNG and less than 4 MB.", "invalid_image_format");
  if (info!.width !== info!.height) throw bad("image", "Uploaded image must be square.", "invalid_image_format");
  if (!hasMask && !info!.hasAlpha) {
    throw bad(
      "image",
      "Invalid input image - format must be in ['RGBA', 'LA', 'L'], got RGB. Without a mask, the image's own transparency marks the area to edit.",
      "invalid_image_format",
    );
  }
}

/** PNG with alpha, same pixel size as the first image, under 4 MB (§B.2, §I.3). */
function checkMask(mask: FilePart, first: FilePart): void {
  const m = mask.info;
  if (!m || m.format !== "png") throw bad("mask", "Invalid mask image format - mask must be a PNG.", "invalid_mask");
  if (!m.hasAlpha) throw bad("mask", "Invalid mask image format - mask image missing alpha channel.", "invalid_mask");
  if (mask.truncated || mask.size >= 4 * MB) throw bad("mask", "The mask must be less than 4 MB.", "invalid_mask");
  const f = first.info!;
  if (m.width !== f.width || m.height !== f.height) {
    throw bad(
      "mask",
      `The image and mask must be the same size: image is ${f.width}x${f.height}, mask is ${m.width}x${m.height}.`,
      "invalid_mask",
    );
  }
}

/** `auto` on an edit follows the first image: the standard size closest in aspect ratio. */
function editSize(p: OpenAIParams, first: FilePart): [number, number] {
  if (p.size !== "auto") return parseSize(p.size ?? "1024x1024");
  const r = Math.log(first.info!.width / first.info!.height);
  const options: [number, number][] = [
    [1024, 1024],
    [1536, 1024],
    [1024, 1536],
  ];
  return options.reduce((best, o) =>
    Math.abs(Math.log(o[0] / o[1]) - r) < Math.abs(Math.log(best[0] / best[1]) - r) ? o : best,
  );
}

// POST /v1/images/edits – OpenAI format, multipart only (§B)
export async function handleEdits(ctx: RouteContext): Promise<Response> {
  const b = ctx.body;
  if (b.kind !== "multipart") {
    throw bad(
      "image",
      "Missing required parameter: 'image'. (This endpoint takes multipart/form-data with image files.)",
      "missing_required_parameter",
    );
  }
  const { images, mask } = splitParts(b.fields, b.files);
  const p = readOpenAIParams({ ...b.fields }, "edit", true);
  checkImages(p, images, !!mask);
  if (mask) checkMask(mask, images[0]);
  const [width, height] = editSize(p, images[0]);
  // Kept by the body parser for exactly this: the first image and the mask (checked whole above).
  const source = images[0].bytes;
  if (!source || (mask && !mask.bytes)) throw new Error("the first image or the mask was not kept");
  const fidelityHigh = p.inputFidelity === "high";
  const imageTokens = images.reduce(
    (sum, img, i) => sum + inputImageTokens(img.info!.width, img.info!.height, fidelityHigh && i === 0),
    0,
  );
  const transparent = p.background === "transparent";
  const format = p.spec.family === "dall-e" ? "png" : p.outputFormat;
  const spec = (i: number) =>
    ({ width, height, seed: p.prompt, variant: i, transparent, format, quality: p.compression }) as const;
  return answerImages(ctx, p, {
    width,
    height,
    textTokens: textTokens(p.prompt),
    imageTokens,
    render: (i) => renderEdit(spec(i), source, mask?.bytes ?? undefined),
  });
}
