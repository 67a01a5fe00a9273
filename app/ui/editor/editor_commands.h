// The editor's undoable commands. Each one calls the ReportService (the one write
// path) in redo() and the inverse in undo(), then tells the host what to show.
// A command whose first redo() fails marks itself obsolete, so QUndoStack drops it.
#pragma once

#include "core/domain/types.h"
#include "core/util/result.h"

#include <QJsonObject>
#include <QUndoCommand>

namespace mobiliza::core {
class ReportService;
}

namespace mobiliza::ui {

class EditorCommandHost
{
public:
    virtual ~EditorCommandHost() = default;
    virtual core::ReportService &reportService() = 0;
    // After a redo/undo: reload, select the action (or the row when it is gone),
    // and refresh the form unless the change came from it.
    virtual void afterCommand(const QString &actionUuid, int fallbackRow, bool refreshForm) = 0;
    virtual void commandFailed(const core::Error &error) = 0;
};

class EditorCommand : public QUndoCommand
{
public:
    EditorCommand(EditorCommandHost &host, const QString &text) : QUndoCommand(text), m_host(host) {}

protected:
    // Reports a failure; a failed first run makes the command obsolete.
    bool check(const core::Status &status);
    core::ReportService &reports() { return m_host.reportService(); }

    EditorCommandHost &m_host;
    bool m_firstRun = true;
};

// Typing into one field: consecutive edits of the same field merge into one step.
class EditValuesCommand final : public EditorCommand
{
public:
    enum { Id = 1001 };
    // `step`: never merged with the edits before or after it (a list's entry added or removed).
    EditValuesCommand(EditorCommandHost &host, QString actionUuid, QString fieldId, const QString &label,
                      QJsonObject before, QJsonObject after, bool step = false);
    void redo() override;
    void undo() override;
    int id() const override { return Id; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    QString m_action, m_field;
    QJsonObject m_before, m_after;
    bool m_step = false;
};

class SetPartnersCommand final : public EditorCommand
{
public:
    SetPartnersCommand(EditorCommandHost &host, QString actionUuid, QStringList before, QStringList after);
    void redo() override;
    void undo() override;

private:
    QString m_action;
    QStringList m_before, m_after;
};

class AddActionCommand final : public EditorCommand
{
public:
    AddActionCommand(EditorCommandHost &host, QString reportUuid, QJsonObject values);
    void redo() override;
    void undo() override;
    QString actionUuid() const { return m_action.uuid; }

private:
    QString m_report;
    core::Action m_action;
};

class RemoveActionCommand final : public EditorCommand
{
public:
    RemoveActionCommand(EditorCommandHost &host, core::Action action); // the full action (photos, partners)
    void redo() override;
    void undo() override;

private:
    core::Action m_action;
};

class MoveActionCommand final : public EditorCommand
{
public:
    MoveActionCommand(EditorCommandHost &host, QString actionUuid, int from, int to);
    void redo() override;
    void undo() override;

private:
    QString m_action;
    int m_from, m_to;
};

class AddPhotoCommand final : public EditorCommand
{
public:
    AddPhotoCommand(EditorCommandHost &host, core::Photo meta); // meta.actionUuid: where it goes
    void redo() override;
    void undo() override;
    const core::Error &error() const { return m_error; }

private:
    core::Photo m_photo;
    core::Error m_error;
};

class RemovePhotoCommand final : public EditorCommand
{
public:
    RemovePhotoCommand(EditorCommandHost &host, core::Photo photo);
    void redo() override;
    void undo() override;

private:
    core::Photo m_photo;
};

class MovePhotoCommand final : public EditorCommand
{
public:
    MovePhotoCommand(EditorCommandHost &host, core::Photo photo, int to);
    void redo() override;
    void undo() override;

private:
    core::Photo m_photo;
    int m_to;
};

// Caption, date, author, LGPD flags of one photo; consecutive edits merge.
class EditPhotoCommand final : public EditorCommand
{
public:
    enum { Id = 1002 };
    EditPhotoCommand(EditorCommandHost &host, core::Photo before, core::Photo after);
    void redo() override;
    void undo() override;
    int id() const override { return Id; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    core::Photo m_before, m_after;
};

// "Sem ações no mês" and its justification; typing merges.
class SetNoActionsCommand final : public EditorCommand
{
public:
    enum { Id = 1003 };
    struct State
    {
        bool noActions = false;
        QString justification;
    };
    SetNoActionsCommand(EditorCommandHost &host, QString reportUuid, State before, State after);
    void redo() override;
    void undo() override;
    int id() const override { return Id; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    QString m_report;
    State m_before, m_after;
};

} // namespace mobiliza::ui
