#include "app/ui/main_window.h"

#include "app/ui/dialogs.h"
#include "app/ui/editor/report_editor_page.h"
#include "app/ui/pages/panel_page.h"
#include "app/ui/pages/partners_page.h"
#include "app/ui/pages/reports_page.h"
#include "app/ui/pages/role_pages.h"
#include "app/ui/pages/settings_page.h"
#include "app/ui/pages/sync_page.h"
#include "app/ui/regional/inbox_page.h"
#include "app/ui/wheel_guard.h"
#include "core/reference/brazil_reference.h"
#include "core/services/services.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QLoggingCategory>
#include <QScreen>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace mobiliza::ui {

namespace {
Q_LOGGING_CATEGORY(lcMainWindow, "mobiliza.app")
const QString kGeometryKey = QStringLiteral("window_geometry");
} // namespace

MainWindow::MainWindow(const AppContext &context, QWidget *parent, Dialogs *dialogs)
    : QMainWindow(parent), m_context(context)
{
    if (!dialogs) {
        m_ownDialogs = std::make_unique<WidgetDialogs>();
        dialogs = m_ownDialogs.get();
    }
    setWindowTitle(tr("Mobiliza"));
    placeOnScreen();
    WheelGuard::install(); // the wheel scrolls the page unless a field was clicked into

    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);

    // Header: who this installation reports for.
    auto *header = new QWidget(central);
    header->setObjectName(QStringLiteral("header"));
    header->setAutoFillBackground(true);
    QPalette hp = header->palette();
    hp.setColor(QPalette::Window, QColor(0x1f, 0x5f, 0x8b));
    hp.setColor(QPalette::WindowText, Qt::white);
    header->setPalette(hp);
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(16, 10, 16, 10);
    auto *titles = new QVBoxLayout;
    m_title = new QLabel(header);
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.35);
    tf.setBold(true);
    m_title->setFont(tf);
    m_subtitle = new QLabel(header);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    headerLayout->addLayout(titles, 1);
    m_demoBadge = new QLabel(tr("DEMONSTRATION DATA — not real reports"), header);
    m_demoBadge->setStyleSheet(QStringLiteral(
        "QLabel { background: #f2c94c; color: #3b2f00; font-weight: bold; padding: 6px 12px; border-radius: 4px; }"));
    headerLayout->addWidget(m_demoBadge);
    outer->addWidget(header);

    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    m_nav = new QListWidget(central);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setAccessibleName(tr("Sections"));
    m_nav->setFixedWidth(210);
    m_nav->setIconSize(QSize(22, 22));
    m_nav->setSpacing(2);
    m_nav->setStyleSheet(QStringLiteral(
        "QListWidget#navigation { background: #eef2f6; border: none; border-right: 1px solid #cfd8e3; padding-top: 8px; }"
        "QListWidget#navigation::item { padding: 9px 10px; color: #1d2a36; }"
        "QListWidget#navigation::item:selected { background: #d6e4f0; color: #0b3a5e; font-weight: bold; "
        "border-left: 4px solid #1f5f8b; }"));
    m_stack = new QStackedWidget(central);
    body->addWidget(m_nav);
    body->addWidget(m_stack, 1);
    outer->addLayout(body, 1);
    setCentralWidget(central);

    if (m_context.role == core::Role::Municipality)
        addMunicipalPages(*dialogs);
    else
        for (const RolePage &p : regionalPages(m_context, this, *dialogs))
            addPage(p.name, p.title, p.icon, p.widget);

    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    // Clicking the current section (e.g. "Reports" while in the editor) goes back to it.
    connect(m_nav, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) { showRow(m_nav->row(item)); });
    m_nav->setCurrentRow(0);

    // Keyboard: Ctrl+1…Ctrl+5 jump to a section.
    for (int i = 0; i < m_pageNames.size(); ++i) {
        auto *jump = new QAction(this);
        jump->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(jump, &QAction::triggered, this, [this, i] { showRow(i); });
        addAction(jump);
    }

    connect(&m_context.services->notifier(), &core::Notifier::profileChanged, this, &MainWindow::updateHeader);
    updateHeader();
}

void MainWindow::addMunicipalPages(Dialogs &dialogs)
{
    const QStyle *st = style();
    auto *reports = new ReportsPage(m_context, dialogs, this);
    addPage(QStringLiteral("reports"), tr("Reports"), st->standardIcon(QStyle::SP_FileDialogDetailedView), reports);
    // The partners register and the municipal Painel exist for a program that has them: a
    // field of partners, and months to measure (the apoio program has neither: its
    // panels are the COSEMS's and CONASEMS's).
    if (!m_context.program.fieldForRole(core::field_role::Partners).isEmpty())
        addPage(QStringLiteral("partners"), tr("Partners"), st->standardIcon(QStyle::SP_DirHomeIcon),
                new PartnersPage(m_context, this, &dialogs));
    addPage(QStringLiteral("sync"), tr("Synchronization"), st->standardIcon(QStyle::SP_BrowserReload),
            new SyncPage(m_context, this));
    PanelPage *panel = nullptr;
    if (m_context.program.periodMonths() == 1) {
        panel = new PanelPage(m_context, dialogs, this);
        addPage(QStringLiteral("panel"), tr("Panel"), st->standardIcon(QStyle::SP_FileDialogContentsView),
                panel);
    }
    addPage(QStringLiteral("settings"), tr("Settings"), st->standardIcon(QStyle::SP_FileDialogInfoView),
            new SettingsPage(m_context, this));

    // The report editor: not a section of its own, reached from the reports page.
    m_editor = new ReportEditorPage(m_context, dialogs, this);
    m_editor->setObjectName(QStringLiteral("editorPage"));
    m_stack->addWidget(m_editor);
    connect(reports, &ReportsPage::openReportRequested, this, &MainWindow::openReport);
    if (panel) {
        connect(panel, &PanelPage::openReportRequested, this, &MainWindow::openReport);
        connect(panel, &PanelPage::startMonthRequested, reports,
                [reports](const QString &key) { reports->startMonth(core::Period::fromKey(key)); });
    }
    connect(m_editor, &ReportEditorPage::backRequested, this, [this] { showRow(0); });
}

void MainWindow::addPage(const QString &name, const QString &title, const QIcon &icon, QWidget *page)
{
    page->setObjectName(name + QStringLiteral("Page"));
    m_pageNames << name;
    auto *item = new QListWidgetItem(icon, title, m_nav);
    item->setToolTip(tr("%1 (Ctrl+%2)").arg(title).arg(m_pageNames.size()));
    m_stack->addWidget(page);
}

MainWindow::~MainWindow() = default;

void MainWindow::showRow(int row)
{
    if (row < 0 || row >= m_pageNames.size())
        return;
    m_nav->setCurrentRow(row);
    m_stack->setCurrentIndex(row);
}

bool MainWindow::showPage(const QString &name)
{
    if (name == QLatin1String("editor")) {
        if (!m_editor)
            return false;
        if (!m_editor->hasReport())
            m_editor->openDefaultReport();
        m_nav->setCurrentRow(0); // the editor belongs to "Reports"
        m_stack->setCurrentWidget(m_editor);
        return true;
    }
    const int index = m_pageNames.indexOf(name);
    if (index < 0)
        return false;
    showRow(index);
    return true;
}

void MainWindow::openReport(const QString &uuid)
{
    if (!m_editor || !m_editor->openReport(uuid))
        return;
    m_nav->setCurrentRow(0);
    m_stack->setCurrentWidget(m_editor);
    m_editor->actionList()->setFocus(Qt::OtherFocusReason);
}

QString MainWindow::currentPageName() const
{
    if (m_editor && m_stack->currentWidget() == m_editor)
        return QStringLiteral("editor");
    return m_pageNames.value(m_stack->currentIndex());
}

QWidget *MainWindow::page(const QString &name) const
{
    if (name == QLatin1String("editor"))
        return m_editor; // null outside a municipality's profile
    const int index = m_pageNames.indexOf(name);
    return index < 0 ? nullptr : m_stack->widget(index);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_editor)
        m_editor->flushPendingEdits(); // nothing typed is lost
    // Where and how big the window was, for the next start (a profile's own setting).
    if (const auto saved = m_context.services->profile().setSetting(
            kGeometryKey, QString::fromLatin1(saveGeometry().toBase64()));
        !saved)
        qCWarning(lcMainWindow) << "window size not kept:" << saved.error().code;
    QMainWindow::closeEvent(event);
}

// The size the window had last time on this profile, else 1280×800; never larger than
// the screen's free area (a 1366×768 laptop with its panel, a 1024×600 netbook).
void MainWindow::placeOnScreen()
{
    const QByteArray saved =
        QByteArray::fromBase64(m_context.services->profile().setting(kGeometryKey).toLatin1());
    if (saved.isEmpty() || !restoreGeometry(saved))
        resize(1280, 800);
    // The screen the saved place is on (a second monitor), else the primary one.
    const QScreen *s = QGuiApplication::screenAt(geometry().center());
    if (!s)
        s = QGuiApplication::primaryScreen();
    if (!s)
        return;
    const QRect free = s->availableGeometry();
    // Room for the title bar and borders the system adds around the window.
    const QSize most(free.width() - 16, free.height() - 48);
    if (width() > most.width() || height() > most.height())
        resize(qMin(width(), most.width()), qMin(height(), most.height()));
    if (!free.contains(geometry()))
        move(free.topLeft() + QPoint(8, 40));
}

void MainWindow::updateHeader()
{
    auto &profile = m_context.services->profile();
    const bool demo = profile.isDemo();
    m_demoBadge->setVisible(demo);
    QString name;
    if (m_context.program.reportingUnit() == QLatin1String("apoiador")) {
        // The apoio program's levels: the apoiador and the COSEMS coordination (by state), CONASEMS.
        const auto unit = core::BrazilReference::embedded().unit(profile.uf());
        const QString label = m_context.program.level(m_context.role).label;
        name = unit ? tr("%1 — %2").arg(label, unit->uf) : label;
        m_title->setText(unit ? tr("%1 — %2").arg(label, unit->name) : label);
        m_subtitle->setText(m_context.program.name());
    } else if (m_context.role == core::Role::Urs) {
        name = tr("URS %1").arg(profile.urs());
        m_title->setText(tr("Regional Health Unit of %1").arg(profile.urs()));
        const int count = int(m_context.reference.municipalitiesOfUrs(profile.urs()).size());
        m_subtitle->setText(tr("%n municipalities · %1", nullptr, count).arg(m_context.program.name()));
    } else if (m_context.role == core::Role::Central) {
        name = tr("Central level");
        m_title->setText(tr("SES-MG — central level"));
        m_subtitle->setText(m_context.program.name());
    } else {
        const QString code = profile.municipality();
        const auto m = m_context.reference.municipality(code);
        name = m ? m->name : code;
        m_title->setText(tr("Municipal Health Secretariat of %1").arg(name));
        m_subtitle->setText(m ? tr("URS %1 · %2").arg(m->urs, m_context.program.name())
                              : m_context.program.name());
    }
    // The system adds the application's name ("… — Mobiliza"): the title says only whose it is.
    setWindowTitle(demo ? tr("%1 (demonstration)").arg(name) : name);
}

bool MainWindow::importFiles(const QStringList &files)
{
    if (files.isEmpty())
        return false;
    if (m_editor)
        m_editor->flushPendingEdits(); // what is being typed counts as the person's work
    if (auto *reports = qobject_cast<ReportsPage *>(page(QStringLiteral("reports")))) {
        showPage(QStringLiteral("reports"));
        return reports->importPackages(files);
    }
    if (auto *inbox = qobject_cast<InboxPage *>(page(QStringLiteral("inbox")))) {
        showPage(QStringLiteral("inbox"));
        return inbox->importFiles(files);
    }
    return false;
}

} // namespace mobiliza::ui
