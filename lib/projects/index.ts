import "server-only";
import { notFound } from "@/lib/errors";
import { getProject, insertProject, listProjects, renameProject } from "@/lib/db/projects";
import type { Project } from "./schemas";

export { deleteProject } from "./delete-project";

export const listAllProjects = (): Project[] => listProjects();

export const createProject = (name: string): Project => insertProject(name);

export function findProject(projectId: string): Project {
  const project = getProject(projectId);
  if (!project) throw notFound("project", projectId);
  return project;
}

export function updateProjectName(projectId: string, name: string): Project {
  const project = renameProject(projectId, name);
  if (!project) throw notFound("project", projectId);
  return project;
}
