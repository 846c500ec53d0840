import { ProjectsView } from "@/components/projects/projects-view";
import { listAllProjects } from "@/lib/projects";

export const dynamic = "force-dynamic";

export default function HomePage() {
  return <ProjectsView initialProjects={listAllProjects()} />;
}
