package dev.entrabridge.graph;

/**
 * The operations, with what each does in words for diagnoses and the least Graph permission it
 * needs (application permission for app-only tokens, delegated permission for a user's token).
 */
enum GraphOperation {
    GET_USER("getUser", "read the user", new Permission("User.Read.All", "User.ReadBasic.All"), false),
    SEARCH_USERS("searchUsers", "search users", new Permission("User.Read.All", "User.ReadBasic.All"), false),
    CALENDAR_VIEW("calendarView", "read the user's calendar", new Permission("Calendars.Read", "Calendars.Read"), true),
    SEND_MAIL("sendMail", "send mail from the user's mailbox", new Permission("Mail.Send", "Mail.Send"), true),
    /** The permission of a generic GET depends on its path ({@link GraphPermissions}). */
    GET("get", "read the resource", null, false);

    /** A Graph permission by token kind. */
    record Permission(String application, String delegated) { }

    private final String logName;
    private final String description;
    private final Permission permission;
    private final boolean mailbox;

    GraphOperation(String logName, String description, Permission permission, boolean mailbox) {
        this.logName = logName;
        this.description = description;
        this.permission = permission;
        this.mailbox = mailbox;
    }

    String logName() {
        return logName;
    }

    String description() {
        return description;
    }

    /** {@code null} for {@link #GET}. */
    Permission permission() {
        return permission;
    }

    /** Exchange Online answers these, so a mailbox (and its access policies) is involved. */
    boolean mailbox() {
        return mailbox;
    }
}
