#include "app/ui/regional/report_view.h"

#include "sync/client/sync_controller.h"

#include "app/ui/dialogs.h"
#include "app/ui/regional/history_text.h"
#include "app/ui/regional/photo_viewer.h"
#include "app/ui/regional/regional_format.h"
#include "app/ui/regional/report_text.h"
#include "app/ui/regional/return_dialog.h"
#include "core/outputs/output_format.h"
#include "core/program/validation_engine.h"
#include "core/services/services.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace mobiliza::ui {

namespace {
constexpr int kPathRole = Qt::UserRole + 1;
}

ReportView::ReportView(const AppContext &context, Dialogs &dialogs, QWidget *parent)
    : QWidget(parent), m_context(context), m_dialogs(dialogs)
{
    setObjectName(QStringLiteral("reportView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    // The bar: back, what this is, its state, the decisions.
    auto *bar = new QHBoxLayout;
    m_back =
        new QPushButton(style()->standardIcon(QStyle::SP_ArrowBack),
                        regional::isCentralDesk(*m_context.services) ? tr("Forwarded") : tr("Inbox"), this);
    m_back->setObjectName(QStringLiteral("backToInbox"));
    m_back->setToolTip(tr("Back to the list (Esc)"));
    bar->addWidget(m_back);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("reportTitle"));
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.3);
    tf.setBold(true);
    m_title->setFont(tf);
    m_title->setWordWrap(true); // a long name wraps instead of widening the window
    m_title->setMinimumWidth(160);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("reportState"));
    m_state->setWordWrap(true);
    titles->addWidget(m_title);
    titles->addWidget(m_state);
    bar->addLayout(titles, 1);
    const bool central = regional::isCentralDesk(*m_context.services);
    m_accept = new QPushButton(style()->standardIcon(QStyle::SP_DialogApplyButton),
                               central ? tr("Consolidate") : tr("Accept"), this);
    m_accept->setObjectName(QStringLiteral("acceptReport"));
    m_return = new QPushButton(style()->standardIcon(QStyle::SP_ArrowLeft),
                               central ? tr("Return to the URS…") : tr("Return for correction…"), this);
    m_return->setObjectName(QStringLiteral("returnReport"));
    bar->addWidget(m_accept);
    bar->addWidget(m_return);
    layout->addLayout(bar);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("reportMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);

    // Left: the findings, then the report as text. Right: the photos.
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(4);
    m_findingsSummary = new QLabel(left);
    m_findingsSummary->setObjectName(QStringLiteral("findingsSummary"));
    m_findingsSummary->setWordWrap(true);
    leftLayout->addWidget(m_findingsSummary);
    m_findings = new QListWidget(left);
    m_findings->setObjectName(QStringLiteral("reviewFindings"));
    m_findings->setAccessibleName(tr("What the program's rules say about this report"));
    m_findings->setWordWrap(true);
    m_findings->setIconSize(QSize(16, 16));
    m_findings->setMaximumHeight(96);
    m_findings->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_findings->setStyleSheet(
        QStringLiteral("QListWidget { border: 1px solid #cfd8e3; }"
                       "QListWidget::item { padding: 3px; border-bottom: 1px solid #e6ebf0; }"));
    m_findings->setToolTip(tr("Click a line, or select it and press Enter, to go to what it points at."));
    leftLayout->addWidget(m_findings);
    // The report as sent, and its history thread (who decided what, when, from where).
    m_tabs = new QTabWidget(left);
    m_tabs->setObjectName(QStringLiteral("reportTabs"));
    m_tabs->setDocumentMode(true);
    m_text = new QTextBrowser(m_tabs);
    m_text->setObjectName(QStringLiteral("reportText"));
    m_text->setOpenLinks(false);
    m_text->setAccessibleName(tr("The report as sent"));
    m_tabs->addTab(m_text, tr("Report"));
    m_history = new QTextBrowser(m_tabs);
    m_history->setObjectName(QStringLiteral("reportHistory"));
    m_history->setOpenLinks(false);
    m_history->setAccessibleName(tr("The report's history: every state change, decision and comment"));
    m_tabs->addTab(m_history, tr("History"));
    leftLayout->addWidget(m_tabs, 1);
    split->addWidget(left);

    m_photos = new PhotoViewer(m_context.services->blobs(), m_context.program.photoRule().lgpdFlags, split);
    split->addWidget(m_photos);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({1000, 1000}); // half and half, whatever the size hints say
    layout->addWidget(split, 1);

    connect(m_back, &QPushButton::clicked, this, &ReportView::backRequested);
    connect(m_accept, &QPushButton::clicked, this, &ReportView::accept);
    connect(m_return, &QPushButton::clicked, this, &ReportView::openReturnDialog);
    connect(m_text, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("photo")) {
            m_photos->showPhoto(url.path().toInt());
            m_photos->canvas()->setFocus(Qt::OtherFocusReason);
        }
    });
    auto activate = [this](QListWidgetItem *item) {
        if (item)
            goToPath(item->data(kPathRole).toString());
    };
    connect(m_findings, &QListWidget::itemClicked, this, activate);
    connect(m_findings, &QListWidget::itemActivated, this, activate);
}

void ReportView::keyPressEvent(QKeyEvent *event)
{
    // Esc from anywhere in the view (the text, the photos…) goes back to the list.
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        Q_EMIT backRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

ReturnDialog *ReportView::returnDialog() const
{
    return m_returnDialog.data();
}

QString ReportView::reportTitle() const
{
    return QStringLiteral("%1 — %2").arg(m_row.municipalityName, m_row.revision.period.display());
}

void ReportView::setRow(const InboxRow &row)
{
    const bool same = row.revision.report == m_row.revision.report &&
                      row.revision.revision == m_row.revision.revision &&
                      row.revision.hasManifest == m_row.revision.hasManifest;
    const bool newer =
        row.revision.report == m_row.revision.report && row.revision.revision > m_row.revision.revision;
    m_row = row;
    if (!same) {
        setMessage(
            newer ? (regional::reviewsPeople(m_context.program)
                         ? tr("The apoiador sent revision %1 of this report: it is the one shown now.")
                         : tr("The municipality sent revision %1 of this report: it is the one shown now."))
                        .arg(row.revision.revision)
                  : QString(),
            false);
        loadContent();
    }
    updateState();
    loadHistory(); // a decision here, or a pass, may have added to it
}

void ReportView::loadContent()
{
    const core::ReplicaRevision &r = m_row.revision;
    m_title->setText(reportTitle());
    m_hasContent = false;
    m_report = {};
    QList<QPair<QString, QString>> lines;
    if (regional::reviewsPeople(m_context.program)) {
        // An apoiador of the COSEMS: its name as the hub knows it, and its id.
        lines << qMakePair(tr("Apoiador"), m_row.municipalityName == r.municipality
                                               ? r.municipality
                                               : tr("%1 (%2)").arg(m_row.municipalityName, r.municipality));
        lines << qMakePair(tr("Period"), r.period.display());
    } else {
        const auto municipality = m_context.reference.municipality(r.municipality);
        lines << qMakePair(tr("Municipality"),
                           tr("%1 (IBGE %2)").arg(m_row.municipalityName, r.municipality));
        lines << qMakePair(tr("URS"), municipality ? municipality->urs : m_context.services->profile().urs());
        lines << qMakePair(tr("Month"), QStringLiteral("%1 (%2 de %3)")
                                            .arg(r.period.display(), core::outputs::monthName(r.period.month))
                                            .arg(r.period.year));
    }
    lines << qMakePair(tr("Revision"), QString::number(r.revision));
    lines << qMakePair(tr("Received on"), regional::brasiliaDateTime(r.receivedAt));
    lines << qMakePair(tr("Via"), regional::viaLabel(r.via));
    const QString deadline = m_context.program.deadline(r.period).toString(QStringLiteral("dd/MM/yyyy"));
    lines << qMakePair(tr("Deadline"),
                       m_row.late ? tr("%1 — first sent late, on %2")
                                        .arg(deadline, regional::brasiliaDateTime(m_row.firstReceivedAt))
                                  : tr("%1 — sent on time").arg(deadline));
    if (r.revision > 1)
        if (auto previous = m_context.services->replica().revision(r.report, r.revision - 1);
            previous && previous.value() && !previous.value()->comment.isEmpty())
            lines << qMakePair(tr("Returned before with"), previous.value()->comment);
    if (r.state == QLatin1String("returned_to_urs") && !r.comment.isEmpty())
        lines << qMakePair(tr("Returned by the central level"), r.comment);
    QString html = regional::headerHtml(lines);

    core::Findings findings;
    if (!r.hasManifest) {
        html +=
            QStringLiteral("<p style='color:#7a4a00; margin-top:12px;'>%1</p>")
                .arg(tr("The content of this report has not arrived yet. Synchronize (Synchronization page) "
                        "and it appears here.")
                         .toHtmlEscaped());
        m_photos->setPhotos({});
        m_findingsSummary->setText(tr("The program's rules run once the content has arrived."));
        m_findingsSummary->setStyleSheet(QStringLiteral("color: #4a5a6a;"));
        m_findings->clear();
        m_findings->hide();
        m_text->setHtml(html);
        return;
    }
    auto report = m_context.services->replica().report(r.report, r.revision);
    if (!report) {
        html += QStringLiteral("<p style='color:#a01818; margin-top:12px;'>%1</p>")
                    .arg(tr("This report could not be read: %1").arg(report.error().message).toHtmlEscaped());
        m_photos->setPhotos({});
        m_findingsSummary->clear();
        m_findings->hide();
        m_text->setHtml(html);
        return;
    }
    m_report = report.value();
    m_hasContent = true;
    const auto engine = m_context.services->programs().engine(m_report.programId);
    const core::ProgramDefinition program = engine ? engine->program() : m_context.program;
    // A correction: what changed since the revision before it, side by side, first.
    if (r.revision > 1)
        if (auto previous = m_context.services->replica().report(r.report, r.revision - 1))
            html += regional::diffHtml(core::diffRevisions(previous.value(), m_report), previous.value(),
                                       m_report, program);
    html += regional::actionsHtml(m_report, program);
    m_text->setHtml(html);
    m_photos->setPhotos(regional::reportPhotos(m_report));
    // Older months' photos are not prefetched: asked for now, brought by the next pass.
    if (auto wanted = m_context.services->replica().want(r.report, r.revision);
        wanted && wanted.value() && m_context.sync)
        m_context.sync->syncNow();
    if (engine)
        showFindings(engine->validate(m_report));
    else {
        m_findingsSummary->setText(tr("This installation does not know the report's program (%1): its rules "
                                      "were not checked.")
                                       .arg(m_report.programId));
        m_findings->hide();
    }
}

void ReportView::showFindings(const core::Findings &findings)
{
    core::Findings sorted = findings;
    std::stable_sort(sorted.begin(), sorted.end(), [](const core::Finding &a, const core::Finding &b) {
        return a.isBlocking() && !b.isBlocking();
    });
    m_findings->clear();
    int blocking = 0;
    for (const core::Finding &f : std::as_const(sorted)) {
        auto *item = new QListWidgetItem(f.message, m_findings);
        item->setData(kPathRole, f.path);
        if (f.isBlocking()) {
            ++blocking;
            item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
            item->setForeground(QColor(0x8a, 0x1c, 0x1c));
        } else {
            item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
            item->setForeground(QColor(0x7a, 0x52, 0x00));
        }
    }
    const int warnings = int(sorted.size()) - blocking;
    m_findings->setVisible(!sorted.isEmpty());
    if (sorted.isEmpty()) {
        m_findingsSummary->setText(tr("✓ The program's rules find nothing to point out in this report."));
        m_findingsSummary->setStyleSheet(QStringLiteral("color: #1e6b34;"));
    } else if (blocking == 0) {
        m_findingsSummary->setText(tr("The program's rules: %n warning(s) to look at.", nullptr, warnings));
        m_findingsSummary->setStyleSheet(QStringLiteral("color: #7a5200;"));
    } else {
        m_findingsSummary->setText(tr("The program's rules: %n problem(s) that would block concluding, "
                                      "%1 warning(s). The report may have been made with older rules.",
                                      nullptr, blocking)
                                       .arg(warnings));
        m_findingsSummary->setStyleSheet(QStringLiteral("color: #8a1c1c;"));
    }
}

void ReportView::goToPath(const QString &path)
{
    static const QRegularExpression re(QStringLiteral("^actions\\[(\\d+)\\](?:\\.photos\\[(\\d+)\\])?"));
    const auto m = re.match(path);
    if (!m.hasMatch())
        return;
    const int action = m.captured(1).toInt();
    m_text->scrollToAnchor(QStringLiteral("action-%1").arg(action + 1));
    if (m.captured(2).isEmpty())
        return;
    int index = m.captured(2).toInt();
    for (int i = 0; i < action && i < m_report.actions.size(); ++i)
        index += int(m_report.actions.at(i).photos.size());
    m_photos->showPhoto(index);
}

void ReportView::loadHistory()
{
    const QString report = m_row.revision.report;
    core::ReportHistory history(*m_context.services);
    auto thread = history.thread(report);
    if (!thread) {
        m_history->setHtml(
            QStringLiteral("<p style='color:#a01818;'>%1</p>")
                .arg(tr("The history could not be read: %1").arg(thread.error().message).toHtmlEscaped()));
        return;
    }
    m_tabs->setTabText(m_tabs->indexOf(m_history), regional::historyTabTitle(thread.value()));
    m_history->setHtml(
        regional::historyHtml(thread.value(), m_report, m_context.services->profile().installationId()));
    // An older month's history is not prefetched: asked for now, brought by the next
    // pass (the newest month's comes with every pass anyway).
    if (!thread->stale)
        m_historyWanted.clear();
    else if (report != m_historyWanted &&
             m_row.revision.period != m_context.services->replica().newestPeriod()) {
        m_historyWanted = report;
        if (core::Status s = history.want(report); s && m_context.sync)
            m_context.sync->syncNow();
    }
}

void ReportView::updateState()
{
    const InboxRow &row = m_row;
    QString state = row.stateText;
    if (row.late)
        state += tr(" · late");
    m_state->setText(tr("Revision %1 · received on %2 · %3")
                         .arg(row.revision.revision)
                         .arg(regional::brasiliaDateTime(row.revision.receivedAt), state));
    m_state->setStyleSheet(
        QStringLiteral("color: %1;")
            .arg((row.refused ? QColor(0xa0, 0x18, 0x18) : regional::reviewStateColor(row.stateKey)).name()));
    const bool decidable = row.decidable && m_hasContent;
    m_accept->setEnabled(decidable);
    m_return->setEnabled(decidable);
    QString why;
    if (!row.revision.hasManifest)
        why = tr("The content has not arrived yet: synchronize first.");
    else if (row.pending)
        why = tr("A decision on this revision waits to be sent.");
    else if (!row.decidable)
        why = tr("This revision is \"%1\": no decision to make here.").arg(row.stateText);
    if (regional::isCentralDesk(*m_context.services)) {
        m_accept->setToolTip(decidable
                                 ? tr("Consolidate this revision into the Painel; it goes to the hub at the "
                                      "next synchronization.")
                                 : why);
        m_return->setToolTip(decidable ? tr("Return it to its URS with what to look at again.") : why);
    } else {
        m_accept->setToolTip(
            decidable ? tr("Accept this revision; it goes to the hub at the next synchronization.") : why);
        m_return->setToolTip(decidable ? (regional::reviewsPeople(m_context.program)
                                              ? tr("Return it to the apoiador with what to correct.")
                                              : tr("Return it to the municipality with what to correct."))
                                       : why);
    }
}

void ReportView::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(
        error ? QStringLiteral("QLabel { color: #8a1c1c; background: #fdecea; border-radius: 4px; "
                               "padding: 6px 8px; }")
              : QStringLiteral("QLabel { color: #1e5b30; background: #e6f4ea; border-radius: 4px; "
                               "padding: 6px 8px; }"));
    m_message->setVisible(!text.isEmpty());
}

void ReportView::accept()
{
    if (!m_accept->isEnabled())
        return;
    const bool central = regional::isCentralDesk(*m_context.services);
    if (!m_dialogs.confirm(this, central ? tr("Consolidate the report") : tr("Accept the report"),
                           (central ? tr("Consolidate the report of %1, %2 (revision %3)?")
                                    : tr("Accept the report of %1, %2 (revision %3)?"))
                               .arg(m_row.municipalityName, m_row.revision.period.display(),
                                    QString::number(m_row.revision.revision)),
                           central ? tr("Consolidate") : tr("Accept"), Dialogs::Tone::Question))
        return;
    decide(true, {}, {});
}

void ReportView::openReturnDialog()
{
    if (!m_return->isEnabled() || m_returnDialog)
        return;
    auto *dialog = new ReturnDialog(
        m_report, reportTitle(), this,
        regional::isCentralDesk(*m_context.services) ? ReturnDialog::Addressee::Urs
        : regional::reviewsPeople(m_context.program) ? ReturnDialog::Addressee::Apoiador
                                                     : ReturnDialog::Addressee::Municipality);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Sent back by the central level: what it said starts the URS's comment to the municipality.
    if (m_row.revision.state == QLatin1String("returned_to_urs") && !m_row.revision.comment.isEmpty())
        dialog->commentField()->setPlainText(tr("Central level: %1").arg(m_row.revision.comment));
    m_returnDialog = dialog;
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { decide(false, dialog->comment(), dialog->notes()); });
    dialog->open();
}

void ReportView::decide(bool accept, const QString &comment, const QList<core::ReviewNote> &notes)
{
    core::Services &services = *m_context.services;
    auto done = services.reviews().decide(m_row.revision.report, m_row.revision.revision,
                                          accept ? regional::acceptDecision(services)
                                                 : regional::returnDecision(services),
                                          comment, notes, regional::reviewerName(services));
    if (!done) {
        setMessage(tr("The decision was not recorded: %1").arg(done.error().message), true);
        return;
    }
    if (regional::isCentralDesk(services))
        setMessage(accept ? tr("Consolidated. The decision goes to the hub at the next synchronization.")
                          : tr("Returned to the URS. The decision and your comment go to the hub at the next "
                               "synchronization."),
                   false);
    else
        setMessage(
            accept ? tr("Accepted. The decision goes to the hub at the next synchronization.")
                   : tr("Returned for correction. The decision and your comment go to the hub at the next "
                        "synchronization."),
            false);
}

} // namespace mobiliza::ui
