// The report editor: the numbered actions on the left with the findings under
// them, the form generated from the program and the action's photo strip on
// the right. Every change is saved at once through the ReportService (typing is
// debounced ~300 ms and flushed before anything else happens) as an undoable
// command; "Concluir" locks the month into a ready revision when nothing blocks.
//
// Split in four files: report_editor_page.cpp (layout, loading),
// report_editor_lifecycle.cpp (state, banner, conclude/reopen, findings),
// report_editor_edits.cpp (autosave, commands, photo import) and
// report_editor_notes.cpp (the URS's notes beside their action and photo).
#pragma once

#include "app/ui/app_context.h"
#include "app/ui/editor/editor_commands.h"
#include "core/domain/types.h"
#include "core/photos/photo_pipeline.h"
#include "core/program/finding.h"
#include "core/program/validation_engine.h"
#include "core/services/report_service.h"

#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QToolButton;
class QUndoStack;
class QVBoxLayout;

namespace mobiliza::core {
class PhotoImportJob;
}

namespace mobiliza::ui {

class ActionForm;
class ActionListModel;
class Dialogs;
class FindingsPanel;
class NoActionsPanel;
class PhotoStrip;
class ReportOutputs;
class ThumbnailLoader;

class ReportEditorPage : public QWidget, public EditorCommandHost
{
    Q_OBJECT

public:
    static constexpr int saveDelayMs = 300;

    ReportEditorPage(const AppContext &context, Dialogs &dialogs, QWidget *parent = nullptr);
    ~ReportEditorPage() override;

    bool openReport(const QString &uuid);
    bool openDefaultReport(); // the most recent draft, else the newest report
    bool hasReport() const { return !m_report.uuid.isEmpty(); }
    const core::Report &report() const { return m_report; }
    const core::Findings &findings() const { return m_findings; }
    // The URS's notes shown in the editor: those of the return of this revision
    // (returned, not reopened) or of the revision this draft corrects; else empty.
    const core::ReturnNotes &returnNotes() const { return m_returnNotes; }
    bool isEditable() const;
    int currentRow() const;
    QString currentActionUuid() const;
    void selectAction(int row);

    // Saves what is typed but not saved yet (switching action/page, closing, undo…).
    void flushPendingEdits();
    bool hasPendingEdits() const;

    // User operations (buttons and shortcuts call these).
    void addNewAction();
    void removeCurrentAction(); // asks to confirm
    void moveCurrentAction(int delta);
    void addPhotosFromDialog();
    void importPhotos(const QStringList &files); // into the current action
    void cancelImport();
    bool isImporting() const { return !m_job.isNull(); }
    bool conclude();         // asks to confirm
    bool reopenForEditing(); // Ready → draft (withdraw) or Returned → revision r+1; asks to confirm
    void activateFinding(const QString &path);
    void undo();
    void redo();

    // Widgets, for the main window and tests.
    QListView *actionList() const { return m_actionList; }
    ActionListModel *actionModel() const { return m_actionModel; }
    ActionForm *form() const { return m_form; }
    PhotoStrip *photoStrip() const { return m_strip; }
    FindingsPanel *findingsPanel() const { return m_findingsPanel; }
    NoActionsPanel *noActionsPanel() const { return m_noActions; }
    QPushButton *concludeButton() const { return m_conclude; }
    QPushButton *reopenButton() const { return m_reopen; }
    // "PDF and files": the official PDF, CSV/XLSX and the package of this report.
    QToolButton *filesButton() const { return m_files; }
    QPushButton *seePagesButton() const { return m_seePages; }
    ReportOutputs *outputs() const { return m_outputs; }
    QPushButton *backButton() const { return m_back; }
    QToolButton *addActionButton() const { return m_addAction; }
    QToolButton *removeActionButton() const { return m_removeAction; }
    QToolButton *moveUpButton() const { return m_moveUp; }
    QToolButton *moveDownButton() const { return m_moveDown; }
    QLabel *saveIndicator() const { return m_saved; }
    QLabel *banner() const { return m_banner; }
    QLabel *messageLabel() const { return m_message; }
    QUndoStack *undoStack() const { return m_undo; }
    QScrollArea *formScrollArea() const { return m_scroll; }

Q_SIGNALS:
    void backRequested();
    void importFinished(bool cancelled);

protected:
    void hideEvent(QHideEvent *event) override;

private:
    // EditorCommandHost
    core::ReportService &reportService() override;
    void afterCommand(const QString &actionUuid, int fallbackRow, bool refreshForm) override;
    void commandFailed(const core::Error &error) override;

    void buildUi();
    QWidget *buildTopBar();
    QWidget *buildLeftColumn();
    void installShortcuts();
    void reload(const QString &selectUuid, int fallbackRow, bool refreshForm);
    void showCurrentAction();
    void updateChrome();
    void validate();
    void showMessage(const QString &text);
    void markSaved();
    int photoOffset(int row) const;
    const core::Action *storedAction(const QString &uuid) const;
    const core::Photo *storedPhoto(const QString &uuid) const;
    void push(QUndoCommand *command);

    // report_editor_notes.cpp
    void loadReturnNotes();
    QString reviewerLabel() const; // "URS (Maria)"
    QString generalNotesText() const; // for the banner: notes on the report, or on what is gone
    QHash<QString, QStringList> notesByAction() const; // action uuid → its notes, its photos' ("Photo 3: …")
    void showReviewNotes(const core::Action &action);

    // report_editor_edits.cpp
    void onFormEdited(const QString &fieldId, bool typing);
    void onPartnersEdited();
    void onPhotoEdited(const QString &uuid, bool typing);
    void onNoActionsEdited(bool typing);
    void scheduleSave(bool typing);
    void onPhotoMoveRequested(const QString &uuid, int newPosition);
    void onPhotoRemoveRequested(const QString &uuid);
    void onPhotoImported(const core::ImportedPhoto &photo);
    void onPhotoFailed(const QString &file, const core::Error &error);
    void onImportFinished(bool cancelled);

    AppContext m_context;
    Dialogs &m_dialogs;
    core::ValidationEngine m_engine;
    core::Report m_report;
    core::Findings m_findings;
    core::ReturnNotes m_returnNotes;
    QUndoStack *m_undo = nullptr;
    ThumbnailLoader *m_thumbnails = nullptr;
    int m_busy = 0; // > 0 while our own service calls run (the notifier echo is ignored)
    bool m_reloading = false;
    bool m_lastCommandFailed = false;
    QString m_shownAction;

    // autosave
    QTimer m_saveTimer;
    bool m_formDirty = false;
    QString m_dirtyAction;
    QString m_dirtyField;
    bool m_dirtyStep = false; // the pending edit is a step of its own (a list's entry added or removed)
    QSet<QString> m_dirtyPhotos;
    bool m_noActionsDirty = false;

    // photo import
    QPointer<core::PhotoImportJob> m_job;
    QString m_importAction;
    QString m_importFile; // the file whose photo is being added (for messages)
    QStringList m_importMessages;
    int m_importAdded = 0;

    // widgets
    QPushButton *m_back = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_saved = nullptr;
    QToolButton *m_undoButton = nullptr;
    QToolButton *m_redoButton = nullptr;
    QPushButton *m_conclude = nullptr;
    QToolButton *m_files = nullptr;
    QPushButton *m_seePages = nullptr;
    ReportOutputs *m_outputs = nullptr;
    QPushButton *m_reopen = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_message = nullptr;
    QListView *m_actionList = nullptr;
    ActionListModel *m_actionModel = nullptr;
    QToolButton *m_addAction = nullptr;
    QToolButton *m_removeAction = nullptr;
    QToolButton *m_moveUp = nullptr;
    QToolButton *m_moveDown = nullptr;
    FindingsPanel *m_findingsPanel = nullptr;
    QVBoxLayout *m_leftLayout = nullptr;
    QStackedWidget *m_center = nullptr;
    QScrollArea *m_scroll = nullptr;
    ActionForm *m_form = nullptr;
    QToolButton *m_toPhotos = nullptr;
    PhotoStrip *m_strip = nullptr;
    NoActionsPanel *m_noActions = nullptr;
    QLabel *m_noReport = nullptr;
};

} // namespace mobiliza::ui
