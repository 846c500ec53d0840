import "server-only";
import { audited } from "@/lib/auth/audit";
import type { Actor } from "@/lib/auth/principal";
import { notFound } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { latestPictureIds } from "@/lib/db/assets";
import { getProject, insertProject, listProjects, projectExists, renameProject } from "@/lib/db/projects";
import type { Project } from "@/lib/contracts/projects";

export { deleteProject } from "./delete-project";

export const listAllProjects = (): Project[] => listProjects();

/** Thumbnail URLs of each project's newest pictures, for the cards of the home page. */
export function projectCovers(projects: Project[], n = 4): Record<string, string[]> {
  return Object.fromEntries(
    projects.map((p) => [p.id, latestPictureIds(p.id, n).map((id) => `/api/assets/${id}/file?variant=thumb`)]),
  );
}

export const createProject = (actor: Actor, name: string): Project =>
  audited(
    actor,
    () => insertProject(name, actor.userId),
    (p) => ({ action: "project.create", targetType: "project", targetIds: [p.id], details: { name } }),
  );

/** The project, or undefined for an unknown or malformed id. */
export const findProjectOrNull = (projectId: string): Project | undefined =>
  isId(projectId, "prj") ? getProject(projectId) : undefined;

export function findProject(projectId: string): Project {
  const project = getProject(projectId);
  if (!project) throw notFound("project", projectId);
  return project;
}

/** 404 unless the project exists; cheap enough for every request under /projects/:id. */
export function requireProject(projectId: string): void {
  if (!projectExists(projectId)) throw notFound("project", projectId);
}

export function updateProjectName(actor: Actor, projectId: string, name: string): Project {
  return audited(
    actor,
    () => {
      const project = renameProject(projectId, name);
      if (!project) throw notFound("project", projectId);
      return project;
    },
    () => ({ action: "project.update", targetType: "project", targetIds: [projectId], details: { name } }),
  );
}
