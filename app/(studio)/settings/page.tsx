import { redirect } from "next/navigation";

// /settings – the only settings so far are the models'
export default function SettingsPage() {
  redirect("/settings/models");
}
