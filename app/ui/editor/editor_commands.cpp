#include "app/ui/editor/editor_commands.h"

#include "core/services/report_service.h"

#include <QCoreApplication>

namespace mobiliza::ui {

namespace {

QString tx(const char *source)
{
    return QCoreApplication::translate("EditorCommands", source);
}

bool samePhotoMeta(const core::Photo &a, const core::Photo &b)
{
    return a.caption == b.caption && a.author == b.author && a.takenOn == b.takenOn &&
           a.identifiablePeople == b.identifiablePeople && a.authorizationOnFile == b.authorizationOnFile;
}

} // namespace

bool EditorCommand::check(const core::Status &status)
{
    const bool first = m_firstRun;
    m_firstRun = false;
    if (status.ok())
        return true;
    m_host.commandFailed(status.error());
    if (first)
        setObsolete(true);
    return false;
}

// ------------------------------------------------------------------ values

EditValuesCommand::EditValuesCommand(EditorCommandHost &host, QString actionUuid, QString fieldId,
                                     const QString &label, QJsonObject before, QJsonObject after, bool step)
    : EditorCommand(host, QCoreApplication::translate("EditorCommands", "Edit “%1”").arg(label)),
      m_action(std::move(actionUuid)), m_field(std::move(fieldId)), m_before(std::move(before)),
      m_after(std::move(after)), m_step(step)
{
}

void EditValuesCommand::redo()
{
    const bool fromForm = m_firstRun;
    if (check(reports().updateAction(m_action, m_after)))
        m_host.afterCommand(m_action, -1, !fromForm);
}

void EditValuesCommand::undo()
{
    if (check(reports().updateAction(m_action, m_before)))
        m_host.afterCommand(m_action, -1, true);
}

bool EditValuesCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const EditValuesCommand *>(other);
    if (o->m_action != m_action || o->m_field != m_field || m_step || o->m_step)
        return false;
    m_after = o->m_after;
    if (m_after == m_before)
        setObsolete(true);
    return true;
}

// ------------------------------------------------------------------ partners

SetPartnersCommand::SetPartnersCommand(EditorCommandHost &host, QString actionUuid, QStringList before,
                                       QStringList after)
    : EditorCommand(host, tx(QT_TRANSLATE_NOOP("EditorCommands", "Change the partners of the action"))), m_action(std::move(actionUuid)),
      m_before(std::move(before)), m_after(std::move(after))
{
}

void SetPartnersCommand::redo()
{
    const bool fromForm = m_firstRun;
    if (check(reports().setActionPartners(m_action, m_after)))
        m_host.afterCommand(m_action, -1, !fromForm);
}

void SetPartnersCommand::undo()
{
    if (check(reports().setActionPartners(m_action, m_before)))
        m_host.afterCommand(m_action, -1, true);
}

// ------------------------------------------------------------------ actions

AddActionCommand::AddActionCommand(EditorCommandHost &host, QString reportUuid, QJsonObject values)
    : EditorCommand(host, tx(QT_TRANSLATE_NOOP("EditorCommands", "Add an action"))), m_report(std::move(reportUuid))
{
    m_action.values = std::move(values);
}

void AddActionCommand::redo()
{
    if (m_action.uuid.isEmpty()) {
        auto added = reports().addAction(m_report, m_action.values);
        if (!check(added ? core::Status() : core::Status(added.error())))
            return;
        m_action = added.value();
    } else {
        auto restored = reports().restoreAction(m_action);
        if (!check(restored ? core::Status() : core::Status(restored.error())))
            return;
    }
    m_host.afterCommand(m_action.uuid, m_action.position, true);
}

void AddActionCommand::undo()
{
    if (check(reports().removeAction(m_action.uuid)))
        m_host.afterCommand({}, m_action.position - 1, true);
}

RemoveActionCommand::RemoveActionCommand(EditorCommandHost &host, core::Action action)
    : EditorCommand(host, tx(QT_TRANSLATE_NOOP("EditorCommands", "Remove an action"))), m_action(std::move(action))
{
}

void RemoveActionCommand::redo()
{
    if (check(reports().removeAction(m_action.uuid)))
        m_host.afterCommand({}, m_action.position, true);
}

void RemoveActionCommand::undo()
{
    auto restored = reports().restoreAction(m_action);
    if (check(restored ? core::Status() : core::Status(restored.error())))
        m_host.afterCommand(m_action.uuid, m_action.position, true);
}

MoveActionCommand::MoveActionCommand(EditorCommandHost &host, QString actionUuid, int from, int to)
    : EditorCommand(host, tx(QT_TRANSLATE_NOOP("EditorCommands", "Move an action"))), m_action(std::move(actionUuid)), m_from(from), m_to(to)
{
}

void MoveActionCommand::redo()
{
    if (check(reports().moveAction(m_action, m_to)))
        m_host.afterCommand(m_action, m_to, true);
}

void MoveActionCommand::undo()
{
    if (check(reports().moveAction(m_action, m_from)))
        m_host.afterCommand(m_action, m_from, true);
}

// ------------------------------------------------------------------ photos

AddPhotoCommand::AddPhotoCommand(EditorCommandHost &host, core::Photo meta)
    : EditorCommand(host, tx(QT_TRANSLATE_NOOP("EditorCommands", "Add a photo"))), m_photo(std::move(meta))
{
}

void AddPhotoCommand::redo()
{
    core::Result<core::Photo> done = m_photo.uuid.isEmpty() ? reports().addPhoto(m_photo.actionUuid, m_photo)
                                                            : reports().restorePhoto(m_photo);
    if (!done) {
        m_error = done.error();
        check(core::Status(done.error()));
        return;
    }
    m_firstRun = false;
    m_photo = done.value();
    m_host.afterCommand(m_photo.actionUuid, -1, true);
}

void AddPhotoCommand::undo()
{
    if (check(reports().removePhoto(m_photo.uuid)))
        m_host.afterCommand(m_photo.actionUuid, -1, true);
}

RemovePhotoCommand::RemovePhotoCommand(EditorCommandHost &host, core::Photo photo)
    : EditorCommand(host, tx(QT_TRANSLATE_NOOP("EditorCommands", "Remove a photo"))), m_photo(std::move(photo))
{
}

void RemovePhotoCommand::redo()
{
    if (check(reports().removePhoto(m_photo.uuid)))
        m_host.afterCommand(m_photo.actionUuid, -1, true);
}

void RemovePhotoCommand::undo()
{
    auto restored = reports().restorePhoto(m_photo);
    if (check(restored ? core::Status() : core::Status(restored.error())))
        m_host.afterCommand(m_photo.actionUuid, -1, true);
}

MovePhotoCommand::MovePhotoCommand(EditorCommandHost &host, core::Photo photo, int to)
    : EditorCommand(host, tx(QT_TRANSLATE_NOOP("EditorCommands", "Move a photo"))), m_photo(std::move(photo)), m_to(to)
{
}

void MovePhotoCommand::redo()
{
    if (check(reports().movePhoto(m_photo.uuid, m_to)))
        m_host.afterCommand(m_photo.actionUuid, -1, true);
}

void MovePhotoCommand::undo()
{
    if (check(reports().movePhoto(m_photo.uuid, m_photo.position)))
        m_host.afterCommand(m_photo.actionUuid, -1, true);
}

EditPhotoCommand::EditPhotoCommand(EditorCommandHost &host, core::Photo before, core::Photo after)
    : EditorCommand(host, tx(QT_TRANSLATE_NOOP("EditorCommands", "Edit a photo"))), m_before(std::move(before)), m_after(std::move(after))
{
}

void EditPhotoCommand::redo()
{
    const bool fromForm = m_firstRun;
    if (check(reports().updatePhoto(m_after)))
        m_host.afterCommand(m_after.actionUuid, -1, !fromForm);
}

void EditPhotoCommand::undo()
{
    if (check(reports().updatePhoto(m_before)))
        m_host.afterCommand(m_before.actionUuid, -1, true);
}

bool EditPhotoCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const EditPhotoCommand *>(other);
    if (o->m_after.uuid != m_after.uuid)
        return false;
    m_after = o->m_after;
    if (samePhotoMeta(m_after, m_before))
        setObsolete(true);
    return true;
}

// ------------------------------------------------------------------ no actions

SetNoActionsCommand::SetNoActionsCommand(EditorCommandHost &host, QString reportUuid, State before, State after)
    : EditorCommand(host, tx(QT_TRANSLATE_NOOP("EditorCommands", "Change “No actions this month”"))), m_report(std::move(reportUuid)),
      m_before(std::move(before)), m_after(std::move(after))
{
}

void SetNoActionsCommand::redo()
{
    const bool fromForm = m_firstRun;
    if (check(reports().setNoActions(m_report, m_after.noActions, m_after.justification)))
        m_host.afterCommand({}, 0, !fromForm);
}

void SetNoActionsCommand::undo()
{
    if (check(reports().setNoActions(m_report, m_before.noActions, m_before.justification)))
        m_host.afterCommand({}, 0, true);
}

bool SetNoActionsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetNoActionsCommand *>(other);
    if (o->m_report != m_report)
        return false;
    m_after = o->m_after;
    if (m_after.noActions == m_before.noActions && m_after.justification == m_before.justification)
        setObsolete(true);
    return true;
}

} // namespace mobiliza::ui
