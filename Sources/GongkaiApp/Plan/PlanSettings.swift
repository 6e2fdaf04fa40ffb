/// How the county runs its plan (GONGKAI_PLAN_REMINDER_DAYS, GONGKAI_JOINT_MEETING_DAY); read once at start.
public struct PlanSettings: Sendable {
    /// Days before a task's or rectification's deadline the unit is reminded.
    public var reminderDays = 7
    /// The 联席会议 is held mid-month (定远 000): this day, or the next working day.
    public var meetingDay = 15
    public init() {}
}
