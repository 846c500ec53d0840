import "server-only";
import type { WireFormat } from "../kit/run";
import { buildRequest } from "./build-request";
import { collectResult, parseAnswerJson, type OpenAiAnswer } from "./parse-response";
import { errorCode, errorTag } from "./upstream-errors";

/** OpenAI-img's wire format: JSON generations, multipart edits, `ImagesResponse` answers, its error table. */
export const openAiWire: WireFormat<OpenAiAnswer> = {
  label: "OpenAI-img",
  vendorHeaders: ["x-request-id"],
  build: buildRequest,
  describe: (req, config) => buildRequest(req, config).described,
  errorCode,
  errorTag,
  parse: parseAnswerJson,
  collect: collectResult,
};
