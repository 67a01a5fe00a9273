#include "app/ui/pages/partners_page.h"
#include "app/ui/column_fit.h"

#include "app/ui/dialogs.h"
#include "app/ui/models/partner_list_model.h"
#include "app/ui/pages/page_header.h"
#include "app/ui/partners/partner_actions.h"
#include "app/ui/partners/partner_editor_dialog.h"
#include "core/services/partner_export.h"
#include "core/services/services.h"
#include "core/util/text.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSet>
#include <QShortcut>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace mobiliza::ui {

PartnersPage::PartnersPage(const AppContext &context, QWidget *parent, Dialogs *dialogs)
    : QWidget(parent), m_context(context), m_dialogs(dialogs)
{
    if (!m_dialogs) {
        m_ownDialogs = std::make_unique<WidgetDialogs>();
        m_dialogs = m_ownDialogs.get();
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->addWidget(makePageHeader(
        tr("Health partners"),
        tr("People, organizations and groups that work with the health secretariat on mobilization: "
           "mapped, sensitized, active or inactive."),
        this));

    auto *bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search by name, contact, sector or municipality"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search partners"));
    bar->addWidget(m_search, 1);
    m_count = new QLabel(this);
    bar->addWidget(m_count);
    layout->addLayout(bar);

    auto *filters = new QHBoxLayout;
    m_kindFilter = new QComboBox(this);
    m_kindFilter->setAccessibleName(tr("Filter by kind"));
    m_kindFilter->addItem(tr("All kinds"), QString());
    for (auto kind : {core::PartnerKind::Person, core::PartnerKind::Organization, core::PartnerKind::InformalGroup})
        m_kindFilter->addItem(partnerKindLabel(kind), core::partnerKindKey(kind));
    m_sectorFilter = new QComboBox(this);
    m_sectorFilter->setAccessibleName(tr("Filter by sector"));
    m_sectorFilter->addItem(tr("All sectors"), QString());
    for (const auto &entry : m_context.program.catalogue(QStringLiteral("setores_parceiros")))
        m_sectorFilter->addItem(entry.label, entry.code);
    m_stageFilter = new QComboBox(this);
    m_stageFilter->setAccessibleName(tr("Filter by stage"));
    m_stageFilter->addItem(tr("All stages"), QString());
    for (auto stage : {core::PartnerStage::Mapped, core::PartnerStage::Sensitized, core::PartnerStage::Active,
                       core::PartnerStage::Inactive})
        m_stageFilter->addItem(partnerStageLabel(stage), core::partnerStageKey(stage));
    m_municipalityFilter = new QComboBox(this);
    m_municipalityFilter->setAccessibleName(tr("Filter by municipality"));
    m_municipalityFilter->addItem(tr("All municipalities"), QString());
    for (QComboBox *box : {m_kindFilter, m_sectorFilter, m_stageFilter, m_municipalityFilter}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        filters->addWidget(box);
    }
    filters->addStretch(1);
    layout->addLayout(filters);

    m_model = new PartnerListModel(m_context, this);
    m_filter = new PartnerFilterModel(this);
    m_filter->setSourceModel(m_model);
    m_filter->setSortLocaleAware(true);
    m_table = new QTableView(this);
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PartnerListModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    // The name stays readable at 1024×600; the other columns give up width first.
    new ColumnFit(m_table, PartnerListModel::Name, 216);
    m_table->setAccessibleName(tr("Partners"));
    m_table->installEventFilter(this);
    layout->addWidget(m_table, 1);

    auto *buttons = new QHBoxLayout;
    m_new = new QPushButton(tr("&New partner"), this);
    m_new->setToolTip(tr("Register a new partner (Ctrl+N)"));
    m_edit = new QPushButton(tr("&Edit"), this);
    m_edit->setToolTip(tr("Open the selected partner (Enter)"));
    m_export = new QPushButton(tr("E&xport person's data…"), this);
    m_export->setToolTip(tr("Save everything held about the selected partner to a file (LGPD right of access)"));
    m_erase = new QPushButton(tr("Erase data (&LGPD)…"), this);
    m_erase->setToolTip(tr("Erase the selected partner and everything held about them (Delete)"));
    buttons->addWidget(m_new);
    buttons->addWidget(m_edit);
    buttons->addStretch(1);
    buttons->addWidget(m_export);
    buttons->addWidget(m_erase);
    layout->addLayout(buttons);

    auto *newShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_N), this);
    newShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(newShortcut, &QShortcut::activated, this, &PartnersPage::newPartner);

    connect(m_new, &QPushButton::clicked, this, &PartnersPage::newPartner);
    connect(m_edit, &QPushButton::clicked, this, &PartnersPage::editSelected);
    connect(m_export, &QPushButton::clicked, this, &PartnersPage::exportSelected);
    connect(m_erase, &QPushButton::clicked, this, &PartnersPage::eraseSelected);
    connect(m_table, &QTableView::activated, this, &PartnersPage::editSelected);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setQuery(text);
        updateCount();
    });
    for (QComboBox *box : {m_kindFilter, m_sectorFilter, m_stageFilter, m_municipalityFilter})
        connect(box, &QComboBox::currentIndexChanged, this, &PartnersPage::applyFilters);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PartnersPage::updateButtons);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &PartnersPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        rebuildMunicipalityFilter();
        updateCount();
        updateButtons();
    });
    rebuildMunicipalityFilter();
    updateCount();
    updateButtons();
}

PartnersPage::~PartnersPage() = default;

PartnerEditorDialog *PartnersPage::editor() const
{
    return m_editor.data();
}

void PartnersPage::setDialogs(std::unique_ptr<Dialogs> dialogs)
{
    if (!dialogs)
        return;
    m_ownDialogs = std::move(dialogs);
    m_dialogs = m_ownDialogs.get();
}

void PartnersPage::rebuildMunicipalityFilter()
{
    const QString current = m_municipalityFilter->currentData().toString();
    QSet<QString> codes;
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (const QString code = m_model->partnerAt(row).municipality; !code.isEmpty())
            codes.insert(code);
    if (!current.isEmpty())
        codes.insert(current);
    const QString own = m_context.services->profile().municipality();
    codes.remove(own);
    QList<QPair<QString, QString>> entries; // name, code
    for (const auto &code : std::as_const(codes))
        entries.append({m_model->municipalityName(code), code});
    std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) {
        return QString::localeAwareCompare(a.first, b.first) < 0;
    });
    if (!own.isEmpty())
        entries.prepend({m_model->municipalityName(own), own}); // the usual one first

    const QSignalBlocker blocker(m_municipalityFilter);
    while (m_municipalityFilter->count() > 1)
        m_municipalityFilter->removeItem(1);
    for (const auto &[name, code] : std::as_const(entries))
        m_municipalityFilter->addItem(name, code);
    m_municipalityFilter->setCurrentIndex(std::max(0, m_municipalityFilter->findData(current)));
    // Every partner of the secretariat's own municipality (the usual case): the column and
    // the filter would say the same name on every row; their room goes to the others.
    const bool onlyOwn = codes.isEmpty();
    m_table->setColumnHidden(PartnerListModel::Municipality, onlyOwn);
    m_municipalityFilter->setVisible(!onlyOwn);
}

void PartnersPage::applyFilters()
{
    m_filter->setKindFilter(m_kindFilter->currentData().toString());
    m_filter->setSectorFilter(m_sectorFilter->currentData().toString());
    m_filter->setStageFilter(m_stageFilter->currentData().toString());
    m_filter->setMunicipalityFilter(m_municipalityFilter->currentData().toString());
    updateCount();
    updateButtons();
}

void PartnersPage::updateCount()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    m_count->setText(total == 0       ? tr("No partner yet")
                     : shown == total ? tr("%n partner(s)", nullptr, total)
                                      : tr("%1 of %2 partners").arg(shown).arg(total));
}

void PartnersPage::updateButtons()
{
    const bool selected = !selectedUuid().isEmpty();
    m_edit->setEnabled(selected);
    m_export->setEnabled(selected);
    m_erase->setEnabled(selected);
}

QString PartnersPage::selectedUuid() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    QModelIndex index = rows.isEmpty() ? m_table->currentIndex() : rows.first();
    return index.isValid() ? index.data(PartnerListModel::UuidRole).toString() : QString();
}

bool PartnersPage::selectPartner(const QString &uuid)
{
    const int sourceRow = m_model->rowOf(uuid);
    if (sourceRow < 0)
        return false;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

bool PartnersPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete && key->modifiers() == Qt::NoModifier) {
            eraseSelected();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PartnersPage::newPartner()
{
    openEditor(QString());
}

void PartnersPage::editSelected()
{
    const QString uuid = selectedUuid();
    if (!uuid.isEmpty())
        openEditor(uuid);
}

void PartnersPage::openEditor(const QString &uuid)
{
    if (m_editor) {
        m_editor->raise();
        m_editor->activateWindow();
        return;
    }
    core::Partner partner;
    if (!uuid.isEmpty()) {
        const auto loaded = m_context.services->partners().partner(uuid);
        if (!loaded) {
            m_dialogs->warn(this, tr("Partner not opened"), loaded.error().message);
            return;
        }
        partner = loaded.value();
    }
    m_editor = new PartnerEditorDialog(m_context, partner, m_dialogs, this);
    m_editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_editor, &PartnerEditorDialog::saved, this, [this](const QString &saved) {
        selectPartner(saved);
        m_table->setFocus();
    });
    m_editor->open(); // window-modal, never blocks
}

bool PartnersPage::exportSelected()
{
    const QString uuid = selectedUuid();
    if (uuid.isEmpty())
        return false;
    const auto partner = m_context.services->partners().partner(uuid);
    if (!partner) {
        m_dialogs->warn(this, tr("Export not made"), partner.error().message);
        return false;
    }
    QString slug = core::foldForSearch(partner->name);
    slug.replace(QLatin1Char(' '), QLatin1Char('-'));
    if (slug.isEmpty())
        slug = uuid.left(8);
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(folder.isEmpty() ? QDir::homePath() : folder)
                                  .filePath(QStringLiteral("dados-parceiro-%1.json").arg(slug));
    const QString path = m_dialogs->saveFileName(this, tr("Export the data of “%1”").arg(partner->name), suggested,
                                                 tr("JSON file (*.json)"));
    if (path.isEmpty())
        return false;

    core::PartnerExportLabels labels;
    labels.sector = m_model->sectorLabel(partner->sector);
    labels.municipality = partner->municipality.isEmpty() ? QString() : m_model->municipalityName(partner->municipality);
    labels.exportedAt = m_context.clock ? m_context.clock->now() : QDateTime::currentDateTimeUtc();
    const QStringList actions = partnerActionDescriptions(*m_context.services, m_context.program, uuid);
    // The data for programs (JSON) and, beside it, the same to read or print (HTML).
    const QFileInfo chosen(path);
    const QString page = chosen.dir().filePath(chosen.completeBaseName() + QStringLiteral(".html"));
    const QList<std::pair<QString, QByteArray>> files{
        {path, core::exportPartnerJson(partner.value(), actions, labels)},
        {page, core::exportPartnerHtml(partner.value(), actions, labels)}};
    for (const auto &[target, bytes] : files) {
        QSaveFile file(target);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            m_dialogs->warn(
                this, tr("Export not made"),
                tr("The file %1 could not be written (%2). Choose another folder, such as Documents, "
                   "and try again.")
                    .arg(QDir::toNativeSeparators(target), file.errorString()));
            return false;
        }
    }
    m_dialogs->inform(
        this, tr("Data exported"),
        tr("Everything held about “%1” was saved to %2 (to read or print) and %3 (for other "
           "programs). The files hold personal data: hand them only to the person, and delete "
           "other copies.")
            .arg(partner->name, QDir::toNativeSeparators(page), QDir::toNativeSeparators(path)));
    return true;
}

bool PartnersPage::eraseSelected()
{
    const QString uuid = selectedUuid();
    if (uuid.isEmpty())
        return false;
    const QString name = m_table->selectionModel()->selectedRows().isEmpty()
                             ? m_table->currentIndex().siblingAtColumn(PartnerListModel::Name).data().toString()
                             : m_table->selectionModel()->selectedRows().first().data().toString();
    const int links = int(m_context.services->partners().actionsOfPartner(uuid).size());
    QString text = tr("Erase everything held about “%1”: identification, documents, contacts, consent and stage "
                      "history? This cannot be undone.")
                       .arg(name);
    if (links > 0)
        text += QLatin1Char(' ') + tr("The partner will also be removed from the actions it took part in "
                                      "(links: %1); the actions themselves stay.")
                                       .arg(links);
    text += QLatin1Char(' ') + tr("If the person asked for a copy, export the data first.");
    if (!m_dialogs->confirm(this, tr("Erase partner data (LGPD)"), text, tr("Erase data"),
                            Dialogs::Tone::Destructive))
        return false;
    if (const auto erased = m_context.services->partners().erase(uuid); !erased) {
        // "backup_not_erased": the profile no longer holds the partner; only a
        // backup copy still needs the person's hand. Saying "not erased" would lie.
        if (erased.error().code == QLatin1String("backup_not_erased")) {
            m_dialogs->warn(this, tr("Data erased, except in one backup copy"), erased.error().message);
            m_table->setFocus();
            return true;
        }
        m_dialogs->warn(this, tr("Data not erased"), erased.error().message);
        return false;
    }
    m_table->setFocus();
    return true;
}

} // namespace mobiliza::ui
