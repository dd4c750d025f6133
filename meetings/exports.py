"""The action log as rows for a CSV download (the caller neutralises formulas)."""

HEADER = [
    "Action",
    "Minute",
    "Meeting date",
    "Body",
    "Owner organisation",
    "Owner person",
    "Due date",
    "Overdue",
    "Status",
    "RAG",
    "Progress",
]


def action_log_rows(actions) -> list[list]:
    """One row per action of ``selectors.action_log``, dates as ISO (sort in a spreadsheet)."""
    rows = [HEADER]
    for action in actions:
        meeting = action.resolution_part.minute.meeting
        rows.append(
            [
                action.description,
                action.resolution_part.minute.number,
                meeting.date.isoformat(),
                str(meeting.body),
                str(action.owner_organisation or ""),
                str(action.owner_person or ""),
                action.due_date.isoformat() if action.due_date else "",
                "Yes" if action.is_overdue else "No",
                action.get_status_display(),
                action.get_rag_display() if action.rag else "",
                action.progress_note,
            ]
        )
    return rows
