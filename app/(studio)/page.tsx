import { ProjectsView } from "@/components/projects/projects-view";
import { requirePageActor } from "@/lib/auth/page";
import { listAllProjects, projectCovers } from "@/lib/projects";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  await requirePageActor();
  const projects = await listAllProjects();
  return <ProjectsView initialProjects={projects} covers={await projectCovers(projects)} />;
}
