import { describe, expect, it } from "vitest";
import { createSimulator } from "@/lib/simulator";
import {
  ALL_MODELS,
  expectIds,
  expectOpenAIError,
  formRequest,
  jsonRequest,
  meta,
  png,
} from "@/tests/helpers/simulator-requests";
import { json, readEvents } from "./sse-helpers";

const GEN = "/v1/images/generations";
const EDITS = "/v1/images/edits";
const gen = (body: Record<string, unknown>, sim = createSimulator()) => sim.handle(jsonRequest(GEN, body));

describe("streamed generations (stream: true, §C.2)", () => {
  it("sends partial_image events, then completed with usage, then [DONE]", async () => {
    const res = await gen({
      model: "gpt-image-2",
      prompt: "a lamp",
      stream: true,
      partial_images: 2,
      size: "1024x1536",
      quality: "low",
    });
    expect(res.status).toBe(200);
    expectIds(res);
    const events = await readEvents(res);
    expect(events.map((e) => e.event ?? null)).toEqual([
      "image_generation.partial_image",
      "image_generation.partial_image",
      "image_generation.completed",
      null,
    ]);
    expect(events[3].data).toBe("[DONE]");
    const [p0, p1, done] = events.slice(0, 3).map(json);
    for (const [i, p] of [p0, p1].entries()) {
      expect(p).toEqual({
        type: "image_generation.partial_image",
        b64_json: expect.any(String),
        partial_image_index: i,
        created_at: expect.any(Number),
        size: "1024x1536",
        quality: "low",
        background: "auto",
        output_format: "png",
      });
      expect(await meta(p.b64_json)).toMatchObject({ format: "png", width: 1024, height: 1536 });
    }
    expect(p0.b64_json).not.toBe(done.b64_json);
    expect(done).toMatchObject({ type: "image_generation.completed", size: "1024x1536", quality: "low" });
    expect(done.partial_image_index).toBeUndefined();
    expect(await meta(done.b64_json)).toMatchObject({ width: 1024, height: 1536 });
    // 408 tokens for the image, about 100 for each partial (§A.1 note 3).
    expect(done.usage).toMatchObject({ output_tokens: 408 + 200 });
  });

  it("sends only completed and [DONE] with partial_images 0 (or none), keeping `auto` as asked", async () => {
    for (const extra of [{ partial_images: 0 }, {}]) {
      const events = await readEvents(await gen({ model: "gpt-image-2-ssvip", prompt: "x", stream: true, ...extra }));
      expect(events.map((e) => e.event ?? e.data)).toEqual(["image_generation.completed", "[DONE]"]);
      expect(json(events[0])).toMatchObject({ size: "auto", quality: "auto", background: "auto" });
      expect((await meta(json(events[0]).b64_json)).width).toBe(1024);
    }
  });

  it("streams legacy gpt-image models too, in their output format", async () => {
    const events = await readEvents(
      await gen(
        { model: "gpt-image-1", prompt: "x", stream: true, partial_images: 1, output_format: "webp" },
        createSimulator(ALL_MODELS),
      ),
    );
    expect(events).toHaveLength(3);
    expect((await meta(json(events[0]).b64_json)).format).toBe("webp");
  });
});

describe("streamed edits (multipart stream=true)", () => {
  it("sends image_edit events for an edit", async () => {
    const res = await createSimulator().handle(
      formRequest(EDITS, { model: "gpt-image-2", prompt: "red", stream: "true", partial_images: "3", size: "auto" }, [
        { name: "image", bytes: await png(600, 400) },
      ]),
    );
    const events = await readEvents(res);
    expect(events.map((e) => e.event ?? e.data)).toEqual([
      "image_edit.partial_image",
      "image_edit.partial_image",
      "image_edit.partial_image",
      "image_edit.completed",
      "[DONE]",
    ]);
    expect(events.slice(0, 3).map((e) => json(e).partial_image_index)).toEqual([0, 1, 2]);
    const done = json(events[3]);
    expect(done).toMatchObject({ type: "image_edit.completed", size: "auto" });
    expect(await meta(done.b64_json)).toMatchObject({ width: 1536, height: 1024 });
    expect(done.usage?.input_tokens).toBeGreaterThan(0);
  });
});

describe("stream refusals (plain JSON 400s before any event)", () => {
  it("refuses stream with n > 1 (UNCONFIRMED upstream behaviour, so not guessed)", async () => {
    const err = await expectOpenAIError(await gen({ model: "gpt-image-2", prompt: "x", stream: true, n: 2 }), 400);
    expect(err.param).toBe("n");
  });

  it("refuses partial_images without stream: true, and out of 0..3", async () => {
    for (const extra of [{}, { stream: false }]) {
      const err = await expectOpenAIError(
        await gen({ model: "gpt-image-2", prompt: "x", partial_images: 1, ...extra }),
        400,
        "invalid_value",
      );
      expect(err.param).toBe("partial_images");
    }
    await expectOpenAIError(
      await gen({ model: "gpt-image-2", prompt: "x", stream: true, partial_images: 4 }),
      400,
      "integer_above_max_value",
    );
    await expectOpenAIError(await gen({ model: "gpt-image-2", prompt: "x", stream: "yes" }), 400, "invalid_type");
  });

  it("refuses stream on dall-e models", async () => {
    const sim = createSimulator(ALL_MODELS);
    for (const model of ["dall-e-3", "dall-e-2"]) {
      const err = await expectOpenAIError(
        await gen({ model, prompt: "x", stream: true }, sim),
        400,
        "unsupported_parameter",
      );
      expect(err.param).toBe("stream");
    }
    const edit = await sim.handle(
      formRequest(EDITS, { model: "dall-e-2", prompt: "x", stream: "true" }, [
        { name: "image", bytes: await png(256, 256, { alpha: true }) },
      ]),
    );
    await expectOpenAIError(edit, 400, "unsupported_parameter");
  });

  it("answers a moderation block as JSON, not as a stream", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "moderation" });
    await expectOpenAIError(
      await gen({ model: "gpt-image-2", prompt: "x", stream: true }, sim),
      400,
      "moderation_blocked",
    );
  });
});
