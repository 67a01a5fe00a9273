// ReportEditorPage: autosave of what is typed, the undoable commands and the
// photo import.
#include "app/ui/editor/report_editor_page.h"

#include "app/ui/dialogs.h"
#include "app/ui/editor/action_form.h"
#include "app/ui/editor/no_actions_panel.h"
#include "app/ui/editor/optional_date_edit.h"
#include "app/ui/editor/photo_card.h"
#include "app/ui/editor/photo_strip.h"
#include "core/photos/photo_import_job.h"
#include "core/services/services.h"

#include <QApplication>
#include <QFileInfo>
#include <QLabel>
#include <QListView>
#include <QUndoStack>

namespace mobiliza::ui {

// ------------------------------------------------------------------ command host

core::ReportService &ReportEditorPage::reportService()
{
    return m_context.services->reports();
}

void ReportEditorPage::afterCommand(const QString &actionUuid, int fallbackRow, bool refreshForm)
{
    showMessage({});
    reload(actionUuid, fallbackRow, refreshForm);
    markSaved();
}

void ReportEditorPage::commandFailed(const core::Error &error)
{
    m_lastCommandFailed = true;
    if (!m_importFile.isEmpty()) {
        m_importMessages << tr("%1: %2").arg(m_importFile, error.message);
        m_strip->setMessages(m_importMessages);
        return;
    }
    showMessage(error.message);
    reload(currentActionUuid(), currentRow(), true); // show what is really stored
}

void ReportEditorPage::push(QUndoCommand *command)
{
    m_lastCommandFailed = false;
    ++m_busy;
    m_undo->push(command);
    --m_busy;
}

void ReportEditorPage::undo()
{
    flushPendingEdits();
    ++m_busy;
    m_undo->undo();
    --m_busy;
}

void ReportEditorPage::redo()
{
    flushPendingEdits();
    ++m_busy;
    m_undo->redo();
    --m_busy;
}

// ------------------------------------------------------------------ autosave

void ReportEditorPage::scheduleSave(bool typing)
{
    if (typing) {
        m_saved->setText(tr("Saving…"));
        m_saveTimer.start();
    } else {
        flushPendingEdits();
    }
}

void ReportEditorPage::onFormEdited(const QString &fieldId, bool typing)
{
    if (!isEditable())
        return;
    // A list's entry added, removed or ticked is an undo step of its own: typing in an entry
    // does not merge with it.
    const auto field = m_context.program.field(fieldId);
    const bool step = !typing && field && field->type == core::field_type::List;
    // A different field or action than the pending one: save that first.
    if (m_formDirty &&
        (m_dirtyField != fieldId || m_dirtyAction != m_form->actionUuid() || step || m_dirtyStep))
        flushPendingEdits();
    m_dirtyStep = step;
    m_formDirty = true;
    m_dirtyAction = m_form->actionUuid();
    m_dirtyField = fieldId;
    scheduleSave(typing);
}

void ReportEditorPage::onPartnersEdited()
{
    if (!isEditable())
        return;
    flushPendingEdits();
    const core::Action *stored = storedAction(m_form->actionUuid());
    if (!stored)
        return;
    QStringList before = stored->partnerUuids;
    QStringList after = m_form->partnerUuids();
    QStringList a = before, b = after;
    a.sort();
    b.sort();
    if (a != b)
        push(new SetPartnersCommand(*this, stored->uuid, before, after));
}

void ReportEditorPage::onPhotoEdited(const QString &uuid, bool typing)
{
    if (!isEditable())
        return;
    if (!m_dirtyPhotos.isEmpty() && !m_dirtyPhotos.contains(uuid))
        flushPendingEdits();
    m_dirtyPhotos.insert(uuid);
    scheduleSave(typing);
}

void ReportEditorPage::onNoActionsEdited(bool typing)
{
    if (!isEditable())
        return;
    m_noActionsDirty = true;
    scheduleSave(typing);
}

bool ReportEditorPage::hasPendingEdits() const
{
    return m_formDirty || !m_dirtyPhotos.isEmpty() || m_noActionsDirty;
}

void ReportEditorPage::flushPendingEdits()
{
    // A date being typed (the focus still in it) is taken as leaving it would: Ctrl+Enter
    // or a new action must not read the date from before.
    if (auto *date = qobject_cast<OptionalDateEdit *>(QApplication::focusWidget());
        date && isAncestorOf(date))
        date->commit();
    m_saveTimer.stop();
    if (!hasPendingEdits())
        return;
    if (m_formDirty) {
        m_formDirty = false;
        const core::Action *stored = storedAction(m_dirtyAction);
        if (stored && m_form->actionUuid() == m_dirtyAction) {
            const QJsonObject after = m_form->values();
            if (after != stored->values) {
                const auto field = m_context.program.field(m_dirtyField);
                push(new EditValuesCommand(*this, stored->uuid, m_dirtyField,
                                           field ? field->label : m_dirtyField, stored->values, after,
                                           m_dirtyStep));
            }
        }
    }
    const QSet<QString> photos = std::exchange(m_dirtyPhotos, {});
    for (const QString &uuid : photos) {
        const core::Photo *stored = storedPhoto(uuid);
        const PhotoCard *card = m_strip->card(uuid);
        if (!stored || !card)
            continue;
        const core::Photo after = card->photo();
        if (after.caption != stored->caption || after.author != stored->author || after.takenOn != stored->takenOn ||
            after.identifiablePeople != stored->identifiablePeople ||
            after.authorizationOnFile != stored->authorizationOnFile)
            push(new EditPhotoCommand(*this, *stored, after));
    }
    if (m_noActionsDirty) {
        m_noActionsDirty = false;
        const SetNoActionsCommand::State before{m_report.noActions, m_report.noActionsJustification};
        const SetNoActionsCommand::State after{m_noActions->noActions(), m_noActions->justification()};
        if (hasReport() && (before.noActions != after.noActions || before.justification != after.justification))
            push(new SetNoActionsCommand(*this, m_report.uuid, before, after));
    }
}

// ------------------------------------------------------------------ actions

void ReportEditorPage::addNewAction()
{
    flushPendingEdits();
    if (!isEditable())
        return;
    const bool clearNoActions = m_report.noActions;
    if (clearNoActions) // an action contradicts "sem ações no mês": one undo step for both
        m_undo->beginMacro(tr("Add an action"));
    if (clearNoActions)
        push(new SetNoActionsCommand(*this, m_report.uuid, {true, m_report.noActionsJustification},
                                     {false, m_report.noActionsJustification}));
    // A state field starts as the profile's state (an apoiador works in one).
    QJsonObject initial;
    if (const QString uf = m_context.services->profile().uf(); !uf.isEmpty())
        for (const core::FieldDefinition &f : m_context.program.fields())
            if (f.type == core::field_type::Uf)
                initial.insert(f.id, uf);
    push(new AddActionCommand(*this, m_report.uuid, initial));
    if (clearNoActions)
        m_undo->endMacro();
    m_form->focusField(m_context.program.fieldForRole(core::field_role::Title));
}

void ReportEditorPage::removeCurrentAction()
{
    flushPendingEdits();
    const int row = currentRow();
    if (!isEditable() || row < 0 || row >= m_report.actions.size())
        return;
    const core::Action action = m_report.actions.at(row);
    const QString label = tr("%1 %2").arg(m_context.program.recordLabel()).arg(row + 1);
    const QString question =
        action.photos.isEmpty()
            ? tr("Remove %1 from the report?").arg(label)
            : tr("Remove %1 and its %2 photo(s) from the report?").arg(label).arg(action.photos.size());
    if (!m_dialogs.confirm(this, tr("Remove the action"),
                           question + QLatin1Char(' ') + tr("Ctrl+Z brings it back."), tr("Remove"),
                           Dialogs::Tone::Question))
        return;
    push(new RemoveActionCommand(*this, action));
    m_actionList->setFocus(Qt::OtherFocusReason);
}

void ReportEditorPage::moveCurrentAction(int delta)
{
    flushPendingEdits();
    const int row = currentRow();
    const int to = row + delta;
    if (!isEditable() || row < 0 || to < 0 || to >= m_report.actions.size())
        return;
    push(new MoveActionCommand(*this, m_report.actions.at(row).uuid, row, to));
}

// ------------------------------------------------------------------ photos

void ReportEditorPage::onPhotoMoveRequested(const QString &uuid, int newPosition)
{
    flushPendingEdits();
    if (const core::Photo *stored = storedPhoto(uuid))
        push(new MovePhotoCommand(*this, *stored, newPosition));
    if (PhotoCard *card = m_strip->card(uuid))
        card->setFocus(Qt::OtherFocusReason);
}

void ReportEditorPage::onPhotoRemoveRequested(const QString &uuid)
{
    flushPendingEdits();
    const core::Photo *found = storedPhoto(uuid);
    if (!found)
        return;
    // A copy: the report may be reloaded while the question is open (a sync pass).
    const core::Photo photo = *found;
    const core::Photo *stored = &photo;
    // As an action: asked first (a key pressed by mistake on the button removed photos).
    int number = stored->position + 1;
    for (const PhotoCard *card : m_strip->cards())
        if (card->uuid() == uuid)
            number = card->number(); // the report's numbering, as the card shows it
    const QString label = tr("Photo %1").arg(number);
    const QString caption = stored->caption.trimmed();
    const QString question = caption.isEmpty()
                                 ? tr("Remove %1 from the action?").arg(label)
                                 : tr("Remove %1 (\"%2\") from the action?").arg(label, caption);
    if (!m_dialogs.confirm(this, tr("Remove the photo"),
                           question + QLatin1Char(' ') + tr("Ctrl+Z brings it back."), tr("Remove"),
                           Dialogs::Tone::Question))
        return;
    if (!isEditable() || !storedPhoto(uuid)) // concluded or gone meanwhile
        return;
    push(new RemovePhotoCommand(*this, *storedPhoto(uuid)));
    m_strip->focusStrip();
}

void ReportEditorPage::addPhotosFromDialog()
{
    if (!isEditable() || currentRow() < 0)
        return;
    const QStringList files = m_dialogs.openImageFiles(this, tr("Add photos to %1 %2")
                                                                 .arg(m_context.program.recordLabel())
                                                                 .arg(currentRow() + 1));
    if (!files.isEmpty())
        importPhotos(files);
}

void ReportEditorPage::importPhotos(const QStringList &files)
{
    flushPendingEdits();
    if (!isEditable() || files.isEmpty())
        return;
    if (currentRow() < 0) {
        showMessage(tr("Add an action first; the photos go into the action shown."));
        return;
    }
    if (isImporting()) {
        showMessage(tr("Photos are still being imported. Wait until they finish, or cancel, then add more."));
        return;
    }
    m_importAction = currentActionUuid();
    m_importMessages.clear();
    m_importAdded = 0;
    m_strip->setMessages({});
    auto *job = new core::PhotoImportJob(m_context.services->blobs(), files, {}, this);
    m_job = job;
    connect(job, &core::PhotoImportJob::progress, m_strip, &PhotoStrip::setImportProgress);
    connect(job, &core::PhotoImportJob::photoImported, this, &ReportEditorPage::onPhotoImported);
    connect(job, &core::PhotoImportJob::photoFailed, this, &ReportEditorPage::onPhotoFailed);
    connect(job, &core::PhotoImportJob::finished, this, &ReportEditorPage::onImportFinished);
    m_strip->setImportProgress(0, job->total());
    updateChrome();
    job->start();
}

void ReportEditorPage::cancelImport()
{
    if (m_job)
        m_job->cancel();
}

void ReportEditorPage::onPhotoImported(const core::ImportedPhoto &imported)
{
    flushPendingEdits(); // the strip and form are refreshed below: nothing typed is lost
    const core::Action *action = storedAction(m_importAction);
    if (!action || !isEditable())
        return;
    core::Photo meta;
    meta.actionUuid = m_importAction;
    meta.sha256 = imported.sha256;
    meta.width = imported.width;
    meta.height = imported.height;
    meta.bytes = imported.bytes;
    meta.takenOn = imported.takenOn;
    const QString dateId = m_context.program.fieldForRole(core::field_role::Date);
    const QDate actionDate = QDate::fromString(action->values.value(dateId).toString(), Qt::ISODate);
    if (!meta.takenOn.isValid() || (actionDate.isValid() && meta.takenOn.daysTo(actionDate) > 366))
        meta.takenOn = actionDate;
    meta.author = m_context.services->profile().userName();
    m_importFile = QFileInfo(imported.sourcePath).fileName();
    push(new AddPhotoCommand(*this, meta));
    m_importFile.clear();
    if (!m_lastCommandFailed)
        ++m_importAdded;
}

void ReportEditorPage::onPhotoFailed(const QString &file, const core::Error &error)
{
    m_importMessages << tr("%1: %2").arg(QFileInfo(file).fileName(), error.message);
    m_strip->setMessages(m_importMessages);
}

void ReportEditorPage::onImportFinished(bool cancelled)
{
    const int total = m_job ? m_job->total() : 0;
    if (m_job)
        m_job->deleteLater();
    m_job.clear();
    m_strip->setImportProgress(0, 0);
    if (cancelled) {
        m_importMessages << tr("Import cancelled: %1 of %2 photo(s) added.").arg(m_importAdded).arg(total);
        m_strip->setMessages(m_importMessages);
    }
    updateChrome();
    Q_EMIT importFinished(cancelled);
}

} // namespace mobiliza::ui
