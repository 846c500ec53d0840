import { ProjectsView } from "@/components/projects/projects-view";
import { requirePageActor } from "@/lib/auth/page";
import { listAllProjects, projectCovers } from "@/lib/projects";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  await requirePageActor();
  const projects = listAllProjects();
  return <ProjectsView initialProjects={projects} covers={projectCovers(projects)} />;
}
