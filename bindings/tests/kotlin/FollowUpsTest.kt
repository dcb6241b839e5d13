// Follow-ups, plans, intent levels, the agenda, reminders and their sync, the timeline,
// templates and settings through the generated Kotlin bindings, on a store of their own.
// Called from BindingsTest.kt's main, which counts the checks (check, expect ... live there).
//
// The dates are made deterministic by the dealership's zone: a date-only plan set for today
// in Pacific/Pago_Pago (UTC-11) is one or two days overdue once the zone is
// Pacific/Kiritimati (UTC+14).

import com.dealercrm.core.*
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.time.temporal.ChronoUnit

private const val WEST = "Pacific/Pago_Pago"
private const val EAST = "Pacific/Kiritimati"

private suspend fun today(zone: String): LocalDate = LocalDate.now(ZoneId.of(zone))


private suspend fun nowMillis(): Instant = Instant.now().truncatedTo(ChronoUnit.MILLIS)

private suspend fun call(at: Instant, content: String = "问了预算和上牌") = NewFollowUp(
    method = FollowUpMethod.PHONE,
    kind = FollowUpKind.NEEDS_DISCOVERY,
    at = at,
    content = content,
)

private suspend fun planOn(time: PlanTime, purpose: String = "确认周六试驾") =
    NewPlan(time = time, method = FollowUpMethod.WECHAT, purpose = purpose)

private suspend fun quote() = Attachment(
    fileName = "2026款报价单.pdf",
    mediaType = "Application/PDF",
    sizeBytes = 48_213L,
    sha256 = "AB".repeat(32),
    uri = "content://com.dealer.app/files/quote-1",
)

/** What happened, as the entry's class name (`PlanSet`, `FollowUpLogged` ...). */
private suspend fun kinds(page: TimelinePage) = page.records.map { it.entry::class.simpleName }

internal suspend fun followUpChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        val owner = "u1"
        lateinit var overdue: Customer // a plan for a day that has passed
        lateinit var due: Customer // a plan for today
        lateinit var lead: Customer // never contacted: a first response is owed
        lateinit var overduePlan: Plan
        lateinit var duePlan: Plan
        lateinit var followUp: FollowUp
        lateinit var westDay: LocalDate // the overdue plan's date
        val loggedAt = nowMillis().minus(1, ChronoUnit.HOURS)

        check("follow-ups: log one with attachments and a next plan") {
            store.setTimeZone(WEST)
            westDay = today(WEST)
            overdue = store.createCustomer(newCustomer("张伟", "13300000001").copy(owner = owner))
            val logged = store.logFollowUp(
                overdue.id,
                call(loggedAt).copy(attachments = listOf(quote()), feedback = "想要白色"),
                next = planOn(PlanTime.OnDate(westDay)),
            )
            followUp = logged.followUp
            overduePlan = logged.nextPlan ?: throw AssertionError("no next plan")
            expectEqual(loggedAt, followUp.at, "at")
            expectEqual(1L, followUp.version, "version")
            expectEqual("application/pdf", followUp.attachments.single().mediaType, "media type, lower case")
            expectEqual("ab".repeat(32), followUp.attachments.single().sha256, "digest, lower case")
            expectEqual(overduePlan, store.openPlan(overdue.id), "the open plan")
            expectEqual(PlanStatus.Open, overduePlan.status, "status")
            expectEqual(1L, overduePlan.version, "version")
            val customer = store.getCustomer(overdue.id)
            expectEqual(loggedAt, customer.lastContactAt, "lastContactAt")
            expectEqual(loggedAt, customer.firstContactedAt, "firstContactedAt")
            expectEqual(listOf(followUp), store.followUpsOf(overdue.id), "followUpsOf")
            expectEqual(followUp, store.getFollowUp(followUp.id), "getFollowUp")
        }

        check("intent level: set on the customer, same level changes nothing") {
            val before = store.getCustomer(overdue.id)
            expectEqual(IntentLevel.N, before.intentLevel, "starts at N")
            val graded = store.setIntentLevel(before.id, before.version, IntentLevel.H)
            expectEqual(IntentLevel.H, graded.intentLevel, "level")
            expectEqual(before.version + 1L, graded.version, "version")
            expectEqual(graded, store.setIntentLevel(graded.id, graded.version, IntentLevel.H), "unchanged")
            expectThrows<CrmException.Conflict> { store.setIntentLevel(graded.id, before.version, IntentLevel.A) }
            overdue = graded
        }

        check("settings: the zone changes, an unknown zone names time_zone") {
            expectEqual(EAST, store.setTimeZone(EAST).timeZone, "set")
            expectEqual(EAST, store.settings().timeZone, "read back")
            expectEqual("time_zone", invalidField { store.setTimeZone("Mars/Olympus_Mons") }, "unknown")
            expectEqual(EAST, store.settings().timeZone, "unchanged by the failure")
        }

        check("agenda: overdue plan first, then the due plan, then a first response owed") {
            due = store.createCustomer(
                newCustomer("李娜", "13300000002").copy(
                    owner = owner,
                    firstContact = FirstContact(at = nowMillis().minus(2, ChronoUnit.HOURS), place = "展厅"),
                ),
            )
            duePlan = store.setPlan(due.id, planOn(PlanTime.OnDate(today(EAST)), "邀约试驾"))
            lead = store.createCustomer(newCustomer("王芳", "13300000003").copy(owner = owner))
            store.createCustomer(newCustomer("别人的客户", "13300000004").copy(owner = "u9"))

            val date = today(EAST)
            val items = store.agenda(owner, date)
            expectEqual(listOf(overdue.id, due.id, lead.id), items.map { it.customerId }, "order")
            val (late, dueToday, first) = items
            val reason = late.reason
            expect(reason is AgendaReason.PlanOverdue && reason.planId == overduePlan.id) { "reason $reason" }
            val days = (reason as AgendaReason.PlanOverdue).daysOverdue.toLong()
            expectEqual(ChronoUnit.DAYS.between(westDay, date), days, "days overdue")
            expect(days in 1L..2L) { "days overdue $days" }
            expect(late.overdue) { "overdue flag" }
            expectEqual(IntentLevel.H, late.intentLevel, "intent level")
            expectEqual(
                AgendaReason.PlanDue(duePlan.id, duePlan.time, FollowUpMethod.WECHAT, "邀约试驾"),
                dueToday.reason,
                "due today",
            )
            expect(!dueToday.overdue) { "a plan due today is not overdue" }
            val deadline = (first.reason as? AgendaReason.FirstResponse)?.deadline
            expectEqual(lead.createdAt.plus(120, ChronoUnit.MINUTES), deadline, "first-response deadline")
            expectEqual(emptyList<AgendaItem>(), store.agenda("nobody", date), "another owner")
            expect(store.agenda(null, date).none { it.customerId == lead.id }) { "the pool holds only unassigned customers" }
        }

        check("edit a plan: only the fields given change, a new version, recorded field by field") {
            val customer = store.createCustomer(newCustomer("钱多", "13300000006").copy(owner = "u3"))
            val at = nowMillis().plus(2, ChronoUnit.DAYS)
            val plan = store.setPlan(customer.id, planOn(PlanTime.At(at), "报价").copy(content = "带上报价单"))
            val edited = store.updatePlan(plan.id, plan.version, PlanPatch(purpose = "二次报价", clearContent = true))
            expectEqual("二次报价", edited.purpose, "purpose")
            expectEqual(null, edited.content, "content cleared")
            expectEqual(FollowUpMethod.WECHAT, edited.method, "method kept")
            expectEqual(plan.version + 1, edited.version, "version")
            expectEqual("${plan.id}@${edited.version}", store.reminders(at.minus(1, ChronoUnit.HOURS), at, owner = "u3").single().id, "the reminder's new id")
            expectThrows<CrmException.Conflict> { store.updatePlan(plan.id, plan.version, PlanPatch(purpose = "x")) }
            expectEqual("purpose", invalidField { store.updatePlan(plan.id, edited.version, PlanPatch(purpose = " ")) }, "blank purpose")
            expectEqual(listOf("PlanEdited", "PlanSet", "CustomerCreated"), kinds(store.timeline(customer.id)), "timeline")
        }

        check("reminders: a window, then add → reschedule → cancel as changes since a token") {
            val first = store.reminderChangesSince()
            expect(first.fullRefresh) { "the first sync is a full refresh" }
            val customer = store.createCustomer(newCustomer("赵磊", "13300000005").copy(owner = "u2"))
            val at = nowMillis().plus(3, ChronoUnit.HOURS)
            val plan = store.setPlan(customer.id, planOn(PlanTime.At(at), "回电报价"))
            val fireAt = at.minus(15, ChronoUnit.MINUTES)
            val reminder = Reminder(
                id = "${plan.id}@1",
                planId = plan.id,
                customerId = customer.id,
                fireAt = fireAt,
                due = PlanTime.At(at),
                method = FollowUpMethod.WECHAT,
                purpose = "回电报价",
                channel = ReminderChannel.IN_APP,
            )
            expectEqual(listOf(reminder), store.reminders(fireAt, fireAt.plusSeconds(1)), "the window")
            expectEqual(listOf(reminder), store.reminders(fireAt, fireAt.plusSeconds(1), owner = "u2"), "the consultant's")
            expectEqual(emptyList<Reminder>(), store.reminders(fireAt, fireAt.plusSeconds(1), owner = "u1"), "another consultant's")
            expect(reminder in store.reminders(nowMillis(), nowMillis().plus(1, ChronoUnit.DAYS))) { "in the next 24 hours" }
            expectEqual(emptyList<Reminder>(), store.reminders(fireAt.plusMillis(1), fireAt.plusSeconds(60)), "after it fires")

            val added = store.reminderChangesSince(first.token)
            expectEqual(ReminderChanges(listOf("${plan.id}@1"), emptyList(), false, added.token), added, "added")

            val moved = store.reschedulePlan(plan.id, plan.version, PlanTime.At(at.plus(2, ChronoUnit.HOURS)), reason = "客户改时间")
            expectEqual(PlanStatus.Rescheduled, moved.status, "rescheduled")
            val rescheduled = store.reminderChangesSince(added.token)
            expectEqual(listOf("${plan.id}@2"), rescheduled.added, "new reminder")
            expectEqual(listOf("${plan.id}@1"), rescheduled.cancelled, "old reminder")

            val cancelled = store.cancelPlan(plan.id, moved.version, "客户已在别店购车")
            expect(cancelled.status is PlanStatus.Cancelled) { "status ${cancelled.status}" }
            val gone = store.reminderChangesSince(rescheduled.token)
            expectEqual(emptyList<String>(), gone.added, "nothing added")
            expectEqual(listOf("${plan.id}@2"), gone.cancelled, "cancelled")
            val net = store.reminderChangesSince(first.token)
            expect(net.added.isEmpty() && net.cancelled.isEmpty() && !net.fullRefresh) { "net since the first token: $net" }
            expectEqual(emptyList<Reminder>(), store.reminders(nowMillis(), nowMillis().plus(1, ChronoUnit.DAYS)).filter { it.planId == plan.id }, "no reminder left")

            val timeline = store.timeline(customer.id)
            expectEqual(listOf("PlanCancelled", "PlanRescheduled", "PlanSet", "CustomerCreated"), kinds(timeline), "plan timeline")
            val entry = timeline.records[1].entry as TimelineEntry.PlanRescheduled
            expectEqual(PlanTime.At(at), entry.oldTime, "old time")
            expectEqual("客户改时间", entry.reason, "reason")
            expectEqual("plan_id", invalidField { store.completePlan(plan.id, cancelled.version) }, "a cancelled plan")
            expectThrows<CrmException.Conflict> { store.cancelPlan(plan.id, 1L, "stale") }
            expectEqual("token", invalidField { store.reminderChangesSince("not-a-token") }, "bad token")
        }

        check("timeline: follow-up and plan entries, newest first, in pages") {
            val all = store.timeline(overdue.id)
            expectEqual(listOf("IntentChanged", "PlanSet", "FollowUpLogged", "CustomerCreated"), kinds(all), "entries")
            expectEqual(null, all.nextCursor, "one page")
            val logged = all.records[2].entry as TimelineEntry.FollowUpLogged
            expectEqual(TimelineEntry.FollowUpLogged(followUp.id, loggedAt, FollowUpMethod.PHONE, FollowUpKind.NEEDS_DISCOVERY), logged, "logged")
            expectEqual(TimelineEntry.IntentChanged(IntentLevel.N, IntentLevel.H), all.records[0].entry, "intent")
            val first = store.timeline(overdue.id, limit = 3)
            expectEqual(all.records.take(3), first.records, "first page")
            val second = store.timeline(overdue.id, limit = 3, cursor = first.nextCursor ?: throw AssertionError("no cursor"))
            expectEqual(all.records.drop(3), second.records, "second page")
            expectEqual(null, second.nextCursor, "last page")
            expectEqual("limit", invalidField { store.timeline(overdue.id, limit = 0) }, "limit 0")
            expectEqual("cursor", invalidField { store.timeline(overdue.id, cursor = "nonsense") }, "bad cursor")
        }

        check("follow-ups: edit records field changes, delete moves the contact times back") {
            val edited = store.updateFollowUp(
                followUp.id,
                followUp.version,
                FollowUpPatch(questions = "能不能送贴膜", clear = listOf(FollowUpField.FEEDBACK)),
            )
            expectEqual(2L, edited.version, "version")
            expectEqual(null, edited.feedback, "cleared")
            expectEqual("能不能送贴膜", edited.questions, "set")
            val entry = store.timeline(overdue.id, limit = 1).records.single().entry as TimelineEntry.FollowUpEdited
            expectEqual(
                listOf(
                    FieldChange("feedback", FieldValue.Text("想要白色"), null),
                    FieldChange("questions", null, FieldValue.Text("能不能送贴膜")),
                ),
                entry.changes,
                "field changes",
            )
            expectThrows<CrmException.Conflict> { store.updateFollowUp(followUp.id, 1L, FollowUpPatch(content = "x")) }

            val later = store.logFollowUp(due.id, call(nowMillis().minus(5, ChronoUnit.MINUTES), "确认了试驾时间"))
            expectEqual(null, later.nextPlan, "no next plan")
            expectEqual(null, store.openPlan(due.id), "the due plan was carried out")
            val done = store.getPlan(duePlan.id).status
            expect(done is PlanStatus.Done && done.followUpId == later.followUp.id) { "status $done" }
            store.deleteFollowUp(later.followUp.id)
            val customer = store.getCustomer(due.id)
            expectEqual(null, customer.lastContactAt, "no follow-up left")
            expectThrows<CrmException.NotFound> { store.getFollowUp(later.followUp.id) }
        }

        check("plans: one pending per customer; bad input names the field, writes nothing") {
            val before = store.followUpsOf(lead.id).size
            val nowish = nowMillis()
            expectEqual("at", invalidField { store.logFollowUp(lead.id, call(nowish.plus(1, ChronoUnit.DAYS))) }, "future")
            expectEqual("content", invalidField { store.logFollowUp(lead.id, call(nowish, "  ")) }, "blank content")
            expectEqual(
                "attachments[0].sha256",
                invalidField { store.logFollowUp(lead.id, call(nowish).copy(attachments = listOf(quote().copy(sha256 = "xyz")))) },
                "bad digest",
            )
            expectEqual(
                "next.purpose",
                invalidField { store.logFollowUp(lead.id, call(nowish), planOn(PlanTime.At(nowish.plusSeconds(3600)), " ")) },
                "blank purpose of the next plan",
            )
            expectEqual(before, store.followUpsOf(lead.id).size, "nothing written")
            expectEqual(null, store.getCustomer(lead.id).lastContactAt, "still never contacted")
            expectEqual("time", invalidField { store.setPlan(lead.id, planOn(PlanTime.At(nowish.minus(3, ChronoUnit.DAYS)))) }, "in the past")
            val plan = store.setPlan(lead.id, planOn(PlanTime.At(nowish.plus(1, ChronoUnit.DAYS))))
            val taken = expectThrows<CrmException.InvalidInput> { store.setPlan(lead.id, planOn(PlanTime.At(nowish.plus(2, ChronoUnit.DAYS)))) }
            expectEqual("customer_id", taken.field, "a second pending plan")
            expectEqual(listOf(plan), store.plansOf(lead.id), "plansOf")
            expect(store.completePlan(plan.id, plan.version).status is PlanStatus.Done) { "completed" }
            expectThrows<CrmException.NotFound> { store.setPlan(MISSING_ID, planOn(PlanTime.At(nowish.plusSeconds(60)))) }
        }

        check("templates: render with a Chinese alias; a missing value names the placeholder") {
            val mine = store.addTemplate(
                NewTemplate(name = "到店通知", purpose = TemplatePurpose.INVITATION, language = TemplateLanguage.ZH, body = "{客户姓名}您好，{车型}已到店"),
            )
            expect(!mine.starter) { "a user template is not a starter" }
            expectEqual(mine, store.listTemplates().last(), "listed last")
            expectEqual("张伟您好，途观L已到店", store.renderTemplate(mine.key, TemplateLanguage.ZH, overdue.id, mapOf("车型" to "途观L")), "Chinese value name")
            expectEqual("张伟您好，途观L已到店", store.renderTemplate(mine.key, TemplateLanguage.ZH, overdue.id, mapOf("model" to "途观L")), "English value name")
            val missing = expectThrows<CrmException.InvalidInput> { store.renderTemplate(mine.key, TemplateLanguage.ZH, overdue.id) }
            expectEqual("values.model", missing.field, "missing value")
            expectEqual("values.颜色", invalidField { store.renderTemplate(mine.key, TemplateLanguage.ZH, overdue.id, mapOf("颜色" to "白")) }, "unknown value name")
            expectEqual("body", invalidField { store.addTemplate(NewTemplate("x", TemplatePurpose.OTHER, TemplateLanguage.EN, "Hi {nobody}")) }, "unknown placeholder")

            val updated = store.updateTemplate(mine.key, NewTemplate("Arrival", TemplatePurpose.INVITATION, TemplateLanguage.EN, "Dear {customer_name}, the {model} is here"))
            expectEqual(mine.key, updated.key, "same key")
            expectEqual("Dear 张伟, the Tiguan L is here", store.renderTemplate(mine.key, TemplateLanguage.EN, overdue.id, mapOf("model" to "Tiguan L")), "updated body")
            val starter = store.listTemplates().first { it.starter }
            expectEqual("key", invalidField { store.updateTemplate(starter.key, NewTemplate("x", starter.purpose, starter.language, "{customer_name}")) }, "a starter is read-only")
            expectEqual("key", invalidField { store.deleteTemplate(starter.key) }, "a starter cannot be deleted")
            store.deleteTemplate(mine.key)
            expectThrows<CrmException.NotFound> { store.renderTemplate(mine.key, TemplateLanguage.ZH, overdue.id) }
        }

        check("settings: cadence and reminder config, with errors naming the field") {
            val settings = store.settings()
            expectEqual(TimeOfDay(9, 0), settings.reminders.dateOnlyAt, "date-only plans remind at 09:00")
            expectEqual(120, settings.cadence.firstResponseMinutes, "first response")
            val faster = store.setCadence(settings.cadence.copy(hDays = 1, firstResponseMinutes = 30))
            expectEqual(1, faster.cadence.hDays, "hDays")
            expectEqual("h_days", invalidField { store.setCadence(settings.cadence.copy(hDays = 0)) }, "hDays 0")
            val token = store.reminderChangesSince().token
            val later = store.setReminderConfig(settings.reminders.copy(leadMinutes = 30, channel = ReminderChannel.EMAIL))
            expectEqual(30, later.reminders.leadMinutes, "lead minutes")
            expect(store.reminderChangesSince(token).fullRefresh) { "new reminder times ask for a full refresh" }
            expectEqual("lead_minutes", invalidField { store.setReminderConfig(later.reminders.copy(leadMinutes = 20_000)) }, "a lead of two weeks")
            expectEqual("date_only_at", invalidField { store.setReminderConfig(later.reminders.copy(dateOnlyAt = TimeOfDay(24, 0))) }, "24:00")
            val named = store.setStoreInfo(StoreInfo(name = " 天河4S店 "))
            expectEqual(StoreInfo(name = "天河4S店"), named.store, "store info, trimmed")
        }
    }
}
