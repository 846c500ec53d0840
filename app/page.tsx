import { ProjectsView } from "@/components/projects/projects-view";
import { listAllProjects, projectCovers } from "@/lib/projects";

export const dynamic = "force-dynamic";

export default function HomePage() {
  const projects = listAllProjects();
  return <ProjectsView initialProjects={projects} covers={projectCovers(projects)} />;
}
