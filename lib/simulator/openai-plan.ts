import "server-only";
import { outputImageTokens } from "./openai-models";
import type { OpenAIParams } from "./openai-params";

/** What a generation or an edit hands the answer: the output size, the input token counts, the renderer. */
export interface AnswerPlan {
  width: number;
  height: number;
  textTokens: number;
  imageTokens: number;
  render: (index: number) => Promise<Buffer>;
}

/** Each partial image of a stream costs about 100 extra output image tokens (§A.1 note 3). */
const PARTIAL_IMAGE_TOKENS = 100;

/** `usage` of §C.1 (and of a stream's completed event), from the resolved quality. */
export function imageUsage(p: OpenAIParams, plan: AnswerPlan, quality: string) {
  const perImage = outputImageTokens(quality, plan.width, plan.height);
  const output = perImage * p.n + PARTIAL_IMAGE_TOKENS * p.partialImages;
  const input = plan.textTokens + plan.imageTokens;
  return {
    input_tokens: input,
    input_tokens_details: { text_tokens: plan.textTokens, image_tokens: plan.imageTokens },
    output_tokens: output,
    total_tokens: input + output,
    output_tokens_details: { image_tokens: output, text_tokens: 0 },
  };
}
