#include "app/ui/editor/report_editor_page.h"
#include "core/program/program_registry.h"

#include "app/ui/pages/report_outputs.h"

#include "app/ui/dialogs.h"
#include "app/ui/editor/action_form.h"
#include "app/ui/editor/action_list_model.h"
#include "app/ui/editor/findings_panel.h"
#include "app/ui/editor/no_actions_panel.h"
#include "app/ui/editor/photo_strip.h"
#include "app/ui/editor/thumbnail_loader.h"
#include "app/ui/models/report_list_model.h"
#include "core/photos/photo_import_job.h"
#include "core/services/services.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace mobiliza::ui {

namespace {

core::ReferenceChecks referenceChecks(const core::ReferenceData &reference)
{
    return core::ReferenceChecks{[reference](const QString &c) { return reference.isValidMunicipalityCode(c); },
                                 [reference](const QString &c) { return reference.regiao(c).has_value(); }};
}

QToolButton *toolButton(QWidget *parent, QStyle::StandardPixmap icon, const QString &text, const QString &tip)
{
    auto *b = new QToolButton(parent);
    b->setIcon(parent->style()->standardIcon(icon));
    b->setText(text);
    b->setToolTip(tip);
    b->setAccessibleName(text.isEmpty() ? tip : text);
    b->setToolButtonStyle(text.isEmpty() ? Qt::ToolButtonIconOnly : Qt::ToolButtonTextBesideIcon);
    return b;
}

} // namespace

ReportEditorPage::ReportEditorPage(const AppContext &context, Dialogs &dialogs, QWidget *parent)
    : QWidget(parent), m_context(context), m_dialogs(dialogs),
      m_engine(context.program,
               core::ProgramRegistry::checksFor(context.program, referenceChecks(context.reference)))
{
    m_undo = new QUndoStack(this);
    m_thumbnails = new ThumbnailLoader(m_context.services->blobs(), this);
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(saveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &ReportEditorPage::flushPendingEdits);
    buildUi();
    installShortcuts();

    auto &notifier = m_context.services->notifier();
    connect(&notifier, &core::Notifier::reportChanged, this, [this](const QString &uuid) {
        if (m_busy == 0 && uuid == m_report.uuid) {
            flushPendingEdits();
            reload(currentActionUuid(), currentRow(), true);
        }
    });
    connect(&notifier, &core::Notifier::reportsReset, this, [this] {
        if (m_busy == 0 && hasReport())
            reload(currentActionUuid(), currentRow(), true);
    });
    connect(&notifier, &core::Notifier::partnerChanged, this,
            [this] { m_form->setPartners(m_context.services->partners().partners()); });
    connect(m_undo, &QUndoStack::canUndoChanged, m_undoButton, &QToolButton::setEnabled);
    connect(m_undo, &QUndoStack::canRedoChanged, m_redoButton, &QToolButton::setEnabled);
    connect(m_undo, &QUndoStack::undoTextChanged, this,
            [this](const QString &t) { m_undoButton->setToolTip(tr("Undo: %1 (Ctrl+Z)").arg(t)); });
    connect(m_undo, &QUndoStack::redoTextChanged, this,
            [this](const QString &t) { m_redoButton->setToolTip(tr("Redo: %1 (Ctrl+Shift+Z)").arg(t)); });
    updateChrome();
}

ReportEditorPage::~ReportEditorPage()
{
    flushPendingEdits();
    if (m_job)
        m_job->cancel();
    // QUndoStack::clear() in its own destructor (run by ~QObject, after this
    // destructor) emits undoTextChanged: our handlers must not run on a page
    // that is no longer a ReportEditorPage (UBSan: member access on a QWidget).
    m_undo->disconnect();
}

// ------------------------------------------------------------------ layout

void ReportEditorPage::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(8);
    layout->addWidget(buildTopBar());

    auto *bannerRow = new QHBoxLayout;
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("editorBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    bannerRow->addWidget(m_banner, 1);
    m_reopen = new QPushButton(this);
    m_reopen->setObjectName(QStringLiteral("reopenReport"));
    bannerRow->addWidget(m_reopen, 0, Qt::AlignVCenter);
    // A concluded report: its pages as the URS will see them, before (and after) it goes.
    m_seePages = new QPushButton(tr("See the pages"), this);
    m_seePages->setObjectName(QStringLiteral("seePages"));
    m_seePages->setToolTip(tr("The pages of the official PDF, as the URS will see them."));
    bannerRow->addWidget(m_seePages, 0, Qt::AlignVCenter);
    layout->addLayout(bannerRow);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("editorMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #8a1c1c; background: #fdecea; border-radius: 4px; "
                                            "padding: 6px 10px; }"));
    m_message->hide();
    layout->addWidget(m_message);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    split->addWidget(buildLeftColumn());

    m_center = new QStackedWidget(split);
    m_scroll = new QScrollArea(m_center);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(m_scroll);
    auto *cl = new QVBoxLayout(content);
    cl->setContentsMargins(12, 4, 16, 16);
    cl->setSpacing(18);
    m_form = new ActionForm(m_context.program, content);
    m_form->setPartners(m_context.services->partners().partners());
    m_toPhotos = new QToolButton(m_form);
    m_toPhotos->setObjectName(QStringLiteral("jumpToPhotos"));
    m_toPhotos->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    m_toPhotos->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toPhotos->setToolTip(tr("Go to the photos of this action (Ctrl+Shift+F adds photos)"));
    m_form->addHeaderWidget(m_toPhotos);
    cl->addWidget(m_form);
    auto *line = new QFrame(content);
    line->setFrameShape(QFrame::HLine);
    line->setStyleSheet(QStringLiteral("color: #cfd8e3;"));
    cl->addWidget(line);
    const core::PhotoRule photoRule = m_context.program.photoRule();
    m_strip = new PhotoStrip(*m_thumbnails, photoRule.captionRequired, photoRule.lgpdFlags, content);
    cl->addWidget(m_strip);
    cl->addStretch(1);
    m_scroll->setWidget(content);
    m_center->addWidget(m_scroll);

    auto *noActionsScroll = new QScrollArea(m_center);
    noActionsScroll->setWidgetResizable(true);
    noActionsScroll->setFrameShape(QFrame::NoFrame);
    m_noActions = new NoActionsPanel(m_context.program.reportRule().noActionsJustificationMinLength, noActionsScroll);
    m_noActions->setContentsMargins(12, 4, 16, 16);
    noActionsScroll->setWidget(m_noActions);
    m_center->addWidget(noActionsScroll);

    m_noReport = new QLabel(tr("No report is open. Choose a month in Reports, or create the report of the "
                               "current month there."),
                            m_center);
    m_noReport->setWordWrap(true);
    m_noReport->setAlignment(Qt::AlignCenter);
    m_noReport->setStyleSheet(QStringLiteral("color: #4a5a6a; padding: 24px;"));
    m_center->addWidget(m_noReport);

    split->addWidget(m_center);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({320, 760});
    layout->addWidget(split, 1);

    connect(m_form, &ActionForm::valuesEdited, this, &ReportEditorPage::onFormEdited);
    connect(m_form, &ActionForm::stepStarting, this, &ReportEditorPage::flushPendingEdits);
    connect(m_form, &ActionForm::partnersEdited, this, &ReportEditorPage::onPartnersEdited);
    connect(m_strip, &PhotoStrip::addRequested, this, &ReportEditorPage::addPhotosFromDialog);
    connect(m_strip, &PhotoStrip::filesDropped, this, &ReportEditorPage::importPhotos);
    connect(m_strip, &PhotoStrip::cancelImportRequested, this, &ReportEditorPage::cancelImport);
    connect(m_strip, &PhotoStrip::photoEdited, this, &ReportEditorPage::onPhotoEdited);
    connect(m_strip, &PhotoStrip::photoMoveRequested, this, &ReportEditorPage::onPhotoMoveRequested);
    connect(m_strip, &PhotoStrip::photoRemoveRequested, this, &ReportEditorPage::onPhotoRemoveRequested);
    connect(m_noActions, &NoActionsPanel::addActionRequested, this, &ReportEditorPage::addNewAction);
    connect(m_noActions, &NoActionsPanel::edited, this, &ReportEditorPage::onNoActionsEdited);
    connect(m_reopen, &QPushButton::clicked, this, &ReportEditorPage::reopenForEditing);
    connect(m_seePages, &QPushButton::clicked, this, [this] { m_outputs->showPreview(); });
    connect(m_toPhotos, &QToolButton::clicked, this, [this] {
        m_strip->focusStrip();
        m_scroll->ensureWidgetVisible(m_strip, 0, 0);
    });
}

QWidget *ReportEditorPage::buildTopBar()
{
    auto *bar = new QWidget(this);
    auto *h = new QHBoxLayout(bar);
    h->setContentsMargins(0, 0, 0, 0);
    m_back = new QPushButton(tr("← Reports"), bar);
    m_back->setObjectName(QStringLiteral("backToReports"));
    m_back->setToolTip(tr("Back to the list of monthly reports (everything is saved)"));
    h->addWidget(m_back, 0, Qt::AlignTop);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    m_title = new QLabel(bar);
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.45);
    tf.setBold(true);
    m_title->setFont(tf);
    m_subtitle = new QLabel(bar);
    m_subtitle->setStyleSheet(QStringLiteral("color: #4a5a6a;"));
    // The title wraps rather than widen the window: a quadrimestre's ("Relatório do 3º
    // quadrimestre de 2026") is longer than a month's, and the bar must fit 1024 px.
    m_title->setWordWrap(true);
    m_subtitle->setWordWrap(true);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    h->addSpacing(8);
    h->addLayout(titles, 1);
    m_saved = new QLabel(bar);
    m_saved->setObjectName(QStringLiteral("saveIndicator"));
    m_saved->setStyleSheet(QStringLiteral("color: #1e6b34;"));
    h->addWidget(m_saved);
    m_undoButton = toolButton(bar, QStyle::SP_ArrowBack, tr("Undo"), tr("Undo (Ctrl+Z)"));
    m_redoButton = toolButton(bar, QStyle::SP_ArrowForward, tr("Redo"), tr("Redo (Ctrl+Shift+Z)"));
    m_undoButton->setAutoRaise(true);
    m_redoButton->setAutoRaise(true);
    // Icons only (the tooltip and the accessible name say what they do): the bar then
    // fits a 1024×600 screen beside "PDF and files" and "Conclude".
    m_undoButton->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_redoButton->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_undoButton->setEnabled(false);
    m_redoButton->setEnabled(false);
    h->addWidget(m_undoButton);
    h->addWidget(m_redoButton);
    m_conclude = new QPushButton(style()->standardIcon(QStyle::SP_DialogApplyButton), tr("Conclude"), bar);
    m_conclude->setObjectName(QStringLiteral("concludeReport"));
    m_conclude->setStyleSheet(QStringLiteral(
        "QPushButton { background: #1f7a3d; color: white; font-weight: bold; padding: 6px 16px; "
        "border-radius: 4px; }"
        "QPushButton:disabled, QPushButton[blocked=\"true\"] { background: #b8c4cf; color: #eef2f6; }"
        "QPushButton:focus { border: 2px solid #0b3a5e; }"));
    m_outputs = new ReportOutputs(m_context, m_dialogs, this);
    m_outputs->setBeforeExport([this] { flushPendingEdits(); }); // the file has what was just typed
    m_files = new QToolButton(bar);
    m_files->setObjectName(QStringLiteral("reportFiles"));
    m_files->setText(tr("PDF and files"));
    m_files->setToolTip(tr("This report's official PDF (to read or print), its actions as CSV or XLSX, or a "
                           "package for a USB stick."));
    m_files->setPopupMode(QToolButton::InstantPopup);
    m_files->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_files->setMenu(new QMenu(m_files));
    m_outputs->addTo(m_files->menu());
    h->addWidget(m_files);
    h->addWidget(m_conclude);
    connect(m_back, &QPushButton::clicked, this, [this] {
        flushPendingEdits();
        Q_EMIT backRequested();
    });
    connect(m_undoButton, &QToolButton::clicked, this, &ReportEditorPage::undo);
    connect(m_redoButton, &QToolButton::clicked, this, &ReportEditorPage::redo);
    connect(m_conclude, &QPushButton::clicked, this, &ReportEditorPage::conclude);
    return bar;
}

QWidget *ReportEditorPage::buildLeftColumn()
{
    auto *left = new QWidget(this);
    m_leftLayout = new QVBoxLayout(left);
    m_leftLayout->setContentsMargins(0, 0, 6, 0);
    m_leftLayout->setSpacing(10);
    auto *top = new QWidget(left);
    auto *v = new QVBoxLayout(top);
    v->setContentsMargins(0, 0, 0, 0);
    auto *heading = new QLabel(m_context.program.recordLabelPlural(), top);
    QFont hf = heading->font();
    hf.setBold(true);
    heading->setFont(hf);
    v->addWidget(heading);
    m_actionModel = new ActionListModel(m_context.program, this);
    m_actionList = new QListView(top);
    m_actionList->setObjectName(QStringLiteral("actionList"));
    m_actionList->setModel(m_actionModel);
    m_actionList->setItemDelegate(new ActionListDelegate(m_actionList));
    m_actionList->setAccessibleName(tr("Actions of the report"));
    m_actionList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_actionList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_actionList->setWordWrap(true);
    m_actionList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_actionList->setSpacing(2);
    m_actionList->setStyleSheet(QStringLiteral("QListView::item { padding: 5px; border-bottom: 1px solid #e6ebf0; }"
                                               "QListView::item:selected { background: #d6e4f0; color: #0b3a5e; }"));
    v->addWidget(m_actionList, 1);
    auto *buttons = new QHBoxLayout;
    m_addAction = toolButton(top, QStyle::SP_FileIcon, tr("New action"), tr("Add an action (Ctrl+Shift+N)"));
    m_addAction->setObjectName(QStringLiteral("addAction"));
    m_moveUp = toolButton(top, QStyle::SP_ArrowUp, {}, tr("Move the action up (Alt+Up)"));
    m_moveDown = toolButton(top, QStyle::SP_ArrowDown, {}, tr("Move the action down (Alt+Down)"));
    m_removeAction = toolButton(top, QStyle::SP_TrashIcon, {}, tr("Remove the action (Delete)"));
    m_removeAction->setObjectName(QStringLiteral("removeAction"));
    buttons->addWidget(m_addAction);
    buttons->addStretch(1);
    buttons->addWidget(m_moveUp);
    buttons->addWidget(m_moveDown);
    buttons->addWidget(m_removeAction);
    v->addLayout(buttons);

    m_findingsPanel = new FindingsPanel(left);
    m_leftLayout->addWidget(top, 3);
    m_leftLayout->addWidget(m_findingsPanel, 2);
    left->setMinimumWidth(280);

    connect(m_addAction, &QToolButton::clicked, this, &ReportEditorPage::addNewAction);
    connect(m_removeAction, &QToolButton::clicked, this, &ReportEditorPage::removeCurrentAction);
    connect(m_moveUp, &QToolButton::clicked, this, [this] { moveCurrentAction(-1); });
    connect(m_moveDown, &QToolButton::clicked, this, [this] { moveCurrentAction(+1); });
    connect(m_actionList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current, const QModelIndex &previous) {
                if (m_reloading || (current.row() == previous.row() && current.isValid() == previous.isValid()))
                    return;
                flushPendingEdits();
                showCurrentAction();
            });
    connect(m_findingsPanel, &FindingsPanel::findingActivated, this, &ReportEditorPage::activateFinding);
    return left;
}

void ReportEditorPage::installShortcuts()
{
    auto add = [this](QWidget *owner, const QList<QKeySequence> &keys, Qt::ShortcutContext context, auto slot) {
        auto *action = new QAction(owner);
        action->setShortcuts(keys);
        action->setShortcutContext(context);
        connect(action, &QAction::triggered, this, slot);
        owner->addAction(action);
        return action;
    };
    const auto page = Qt::WidgetWithChildrenShortcut;
    add(this, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)}, page, [this] { addNewAction(); });
    add(this, {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}, page,
        [this] { conclude(); });
    add(this, {QKeySequence::Undo}, page, [this] { undo(); });
    add(this, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)}, page,
        [this] { redo(); });
    add(this, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F)}, page, [this] { addPhotosFromDialog(); });
    // Only on the list: Alt+Down opens pickers elsewhere.
    add(m_actionList, {QKeySequence(Qt::ALT | Qt::Key_Up)}, Qt::WidgetShortcut, [this] { moveCurrentAction(-1); });
    add(m_actionList, {QKeySequence(Qt::ALT | Qt::Key_Down)}, Qt::WidgetShortcut, [this] { moveCurrentAction(+1); });
    add(m_actionList, {QKeySequence(Qt::Key_Delete)}, Qt::WidgetShortcut, [this] { removeCurrentAction(); });
    add(m_actionList, {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}, Qt::WidgetShortcut, [this] {
        if (const auto *title = m_form->fieldWidget(m_context.program.fieldForRole(core::field_role::Title)))
            const_cast<QWidget *>(title)->setFocus(Qt::TabFocusReason);
    });
}

// ------------------------------------------------------------------ loading

bool ReportEditorPage::openReport(const QString &uuid)
{
    flushPendingEdits();
    if (m_job)
        m_job->cancel();
    const auto loaded = m_context.services->reports().report(uuid);
    if (!loaded) {
        showMessage(loaded.error().message);
        return false;
    }
    const bool same = uuid == m_report.uuid;
    if (!same) {
        m_undo->clear();
        m_report = loaded.value();
        m_shownAction.clear();
        m_strip->setMessages({});
    }
    showMessage({});
    m_saved->setText(isEditable() ? tr("Everything is saved") : QString());
    reload(same ? currentActionUuid() : QString(), 0, true);
    return true;
}

bool ReportEditorPage::openDefaultReport()
{
    const auto listed = m_context.services->reports().summaries(); // newest first
    if (!listed)
        return false; // the Relatórios page shows why the list cannot be read
    const QList<core::ReportSummary> &summaries = listed.value();
    for (const core::ReportSummary &s : summaries)
        if (s.programId == m_context.program.id() && s.state == core::ReportState::Draft)
            return openReport(s.uuid);
    for (const core::ReportSummary &s : summaries)
        if (s.programId == m_context.program.id())
            return openReport(s.uuid);
    return false;
}

void ReportEditorPage::reload(const QString &selectUuid, int fallbackRow, bool refreshForm)
{
    if (!hasReport()) {
        m_returnNotes = {};
        m_actionModel->setReviewNotes({});
        m_actionModel->setActions({}, {});
        showCurrentAction();
        updateChrome();
        return;
    }
    ++m_busy;
    const auto loaded = m_context.services->reports().report(m_report.uuid);
    --m_busy;
    if (!loaded) {
        showMessage(loaded.error().message);
        m_report = {};
        reload({}, 0, true);
        return;
    }
    m_report = loaded.value();
    loadReturnNotes();
    m_actionModel->setReviewNotes(notesByAction());
    validate();
    QSet<int> errorRows;
    static const QRegularExpression actionPath(QStringLiteral("^actions\\[(\\d+)\\]"));
    for (const core::Finding &f : std::as_const(m_findings))
        if (f.isBlocking())
            if (const auto m = actionPath.match(f.path); m.hasMatch())
                errorRows.insert(m.captured(1).toInt());

    const QString previous = currentActionUuid();
    m_reloading = true;
    m_actionModel->setActions(m_report.actions, errorRows);
    int row = m_actionModel->rowOf(refreshForm ? selectUuid : previous);
    if (row < 0 && m_actionModel->rowCount() > 0)
        row = qBound(0, fallbackRow, m_actionModel->rowCount() - 1);
    if (row >= 0 && row != currentRow())
        m_actionList->setCurrentIndex(m_actionModel->index(row));
    if (row >= 0)
        m_actionList->scrollTo(m_actionModel->index(row));
    m_reloading = false;
    if (refreshForm || m_actionModel->uuidAt(row) != previous)
        showCurrentAction();
    updateChrome();
}

void ReportEditorPage::showCurrentAction()
{
    if (!hasReport()) {
        m_center->setCurrentWidget(m_noReport);
        return;
    }
    const int row = currentRow();
    if (row < 0 || row >= m_report.actions.size()) {
        m_noActions->setState(m_report.noActions, m_report.noActionsJustification, isEditable());
        m_center->setCurrentIndex(1);
        m_shownAction.clear();
        return;
    }
    const core::Action &action = m_report.actions.at(row);
    const bool other = action.uuid != m_shownAction;
    m_shownAction = action.uuid;
    m_form->setAction(action, m_report.period, isEditable());
    if (other && !isImporting())
        m_strip->setMessages({});
    m_strip->setSuggestedDate(m_report.period.firstDay());
    m_strip->setPhotos(action.photos, photoOffset(row), isEditable());
    showReviewNotes(action);
    m_toPhotos->setText(action.photos.isEmpty() ? tr("Photos: none yet") : tr("Photos (%1)").arg(action.photos.size()));
    m_center->setCurrentIndex(0);
    if (other)
        m_scroll->verticalScrollBar()->setValue(0);
}

void ReportEditorPage::validate()
{
    m_findings = m_engine.validate(m_report);
    m_findingsPanel->setFindings(m_findings);
    m_leftLayout->setStretchFactor(m_findingsPanel, m_findings.isEmpty() ? 0 : 2);
}

void ReportEditorPage::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void ReportEditorPage::markSaved()
{
    m_saved->setText(tr("Saved at %1").arg(m_context.clock->now().toLocalTime().toString(QStringLiteral("HH:mm"))));
}

void ReportEditorPage::hideEvent(QHideEvent *event)
{
    flushPendingEdits();
    QWidget::hideEvent(event);
}

bool ReportEditorPage::isEditable() const
{
    return hasReport() && core::ReportStateMachine::isEditable(m_report.state);
}

int ReportEditorPage::currentRow() const
{
    const QModelIndex current = m_actionList->currentIndex();
    return current.isValid() ? current.row() : -1;
}

QString ReportEditorPage::currentActionUuid() const
{
    return m_actionModel->uuidAt(currentRow());
}

void ReportEditorPage::selectAction(int row)
{
    if (row < 0 || row >= m_actionModel->rowCount())
        return;
    m_actionList->setCurrentIndex(m_actionModel->index(row));
}

const core::Action *ReportEditorPage::storedAction(const QString &uuid) const
{
    for (const core::Action &a : m_report.actions)
        if (a.uuid == uuid)
            return &a;
    return nullptr;
}

const core::Photo *ReportEditorPage::storedPhoto(const QString &uuid) const
{
    for (const core::Action &a : m_report.actions)
        for (const core::Photo &p : a.photos)
            if (p.uuid == uuid)
                return &p;
    return nullptr;
}

int ReportEditorPage::photoOffset(int row) const
{
    int offset = 0;
    for (int i = 0; i < row && i < m_report.actions.size(); ++i)
        offset += int(m_report.actions.at(i).photos.size());
    return offset;
}

} // namespace mobiliza::ui
