// Step 2's plan screen: what its reads are, since the vendor's guide has no plan (the calls themselves are lessons
// like any other: call-lines.ts, procedure/lessons.ts).
export const planningNote =
  "Planning the 1st is not in the vendor's guide: tenant-mode lists your subtree (GET /tenants?subtree_root_id=, pages of 1,000) and reads each trial customer's pricing (GET /tenants/{id}/pricing). Nothing is changed until apply.";
