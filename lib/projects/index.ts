import "server-only";
import { audited } from "@/lib/auth/audit";
import type { Actor } from "@/lib/auth/principal";
import { notFound } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { latestPictureIds } from "@/lib/db/assets";
import { getProject, insertProject, listProjects, projectIsLive, renameProject } from "@/lib/db/projects";
import type { Project } from "@/lib/contracts/projects";

export { deleteProject } from "./delete-project";

export const listAllProjects = (): Promise<Project[]> => listProjects();

/** Thumbnail URLs of each project's newest pictures, for the cards of the home page. */
export async function projectCovers(projects: Project[], n = 4): Promise<Record<string, string[]>> {
  const covers = await Promise.all(
    projects.map(async (p) => [
      p.id,
      (await latestPictureIds(p.id, n)).map((id) => `/api/assets/${id}/file?variant=thumb`),
    ]),
  );
  return Object.fromEntries(covers);
}

export const createProject = (actor: Actor, name: string): Promise<Project> =>
  audited(
    actor,
    () => insertProject(name, actor.userId),
    (p) => ({ action: "project.create", targetType: "project", targetIds: [p.id], details: { name } }),
  );

/** The project, or undefined for an unknown or malformed id. */
export const findProjectOrNull = async (projectId: string): Promise<Project | undefined> =>
  isId(projectId, "prj") ? getProject(projectId) : undefined;

export async function findProject(projectId: string): Promise<Project> {
  const project = await getProject(projectId);
  if (!project) throw notFound("project", projectId);
  return project;
}

/** 404 unless the project exists; cheap enough for every request under /projects/:id. */
export async function requireProject(projectId: string): Promise<void> {
  if (!(await projectIsLive(projectId))) throw notFound("project", projectId);
}

export function updateProjectName(actor: Actor, projectId: string, name: string): Promise<Project> {
  return audited(
    actor,
    async () => {
      const project = await renameProject(projectId, name);
      if (!project) throw notFound("project", projectId);
      return project;
    },
    () => ({ action: "project.update", targetType: "project", targetIds: [projectId], details: { name } }),
  );
}
