#include "app/ui/regional/return_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace mobiliza::ui {

namespace {
constexpr int kActionRole = Qt::UserRole + 1;
constexpr int kPhotoRole = Qt::UserRole + 2;
} // namespace

ReturnDialog::ReturnDialog(const core::Report &report, const QString &title, QWidget *parent,
                           Addressee addressee)
    : QDialog(parent)
{
    const bool toUrs = addressee == Addressee::Urs;
    setObjectName(QStringLiteral("returnDialog"));
    setWindowTitle(toUrs ? tr("Return to the URS") : tr("Return for correction"));
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);

    auto *heading = new QLabel(title, this);
    QFont hf = heading->font();
    hf.setBold(true);
    heading->setFont(hf);
    layout->addWidget(heading);

    auto *commentLabel =
        new QLabel(toUrs ? tr("What must the URS look at again? (required; the URS reads this, "
                              "and decides whether the municipality must correct it)")
                   : addressee == Addressee::Apoiador
                       ? tr("What must the apoiador correct? (required; the apoiador reads this)")
                       : tr("What must the municipality correct? (required; the municipality "
                            "reads this)"),
                   this);
    commentLabel->setWordWrap(true);
    layout->addWidget(commentLabel);
    m_comment = new QPlainTextEdit(this);
    m_comment->setObjectName(QStringLiteral("returnComment"));
    m_comment->setTabChangesFocus(true);
    m_comment->setPlaceholderText(tr("e.g. The photos of action 2 do not show the action; send others."));
    m_comment->setMinimumHeight(90);
    commentLabel->setBuddy(m_comment);
    layout->addWidget(m_comment);

    auto *notesLabel = new QLabel(tr("Notes on an action or a photo (optional):"), this);
    layout->addWidget(notesLabel);
    auto *noteRow = new QHBoxLayout;
    m_anchor = new QComboBox(this);
    m_anchor->setObjectName(QStringLiteral("noteAnchor"));
    m_anchor->setAccessibleName(tr("What the note is about"));
    m_anchor->addItem(tr("The whole report"));
    int photoNumber = 0;
    for (const core::Action &action : report.actions) {
        const int number = action.position + 1;
        m_anchor->addItem(tr("Action %1").arg(number));
        m_anchor->setItemData(m_anchor->count() - 1, action.uuid, kActionRole);
        for (const core::Photo &photo : action.photos) {
            m_anchor->addItem(tr("Action %1, Photo %2").arg(number).arg(++photoNumber));
            m_anchor->setItemData(m_anchor->count() - 1, action.uuid, kActionRole);
            m_anchor->setItemData(m_anchor->count() - 1, photo.uuid, kPhotoRole);
        }
    }
    m_noteText = new QLineEdit(this);
    m_noteText->setObjectName(QStringLiteral("noteText"));
    m_noteText->setPlaceholderText(tr("e.g. illegible"));
    m_noteText->setAccessibleName(tr("Note"));
    m_addNote = new QPushButton(tr("Add note"), this);
    m_addNote->setObjectName(QStringLiteral("addNote"));
    m_addNote->setAutoDefault(false);
    noteRow->addWidget(m_anchor);
    noteRow->addWidget(m_noteText, 1);
    noteRow->addWidget(m_addNote);
    layout->addLayout(noteRow);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("noteList"));
    m_list->setMaximumHeight(110);
    layout->addWidget(m_list);
    m_removeNote = new QPushButton(tr("Remove the selected note"), this);
    m_removeNote->setAutoDefault(false);
    auto *removeRow = new QHBoxLayout;
    removeRow->addStretch(1);
    removeRow->addWidget(m_removeNote);
    layout->addLayout(removeRow);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    okButton()->setText(tr("Return for correction"));
    okButton()->setObjectName(QStringLiteral("confirmReturn"));
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ReturnDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ReturnDialog::reject);
    connect(m_comment, &QPlainTextEdit::textChanged, this, &ReturnDialog::updateState);
    connect(m_noteText, &QLineEdit::textChanged, this, &ReturnDialog::updateState);
    connect(m_noteText, &QLineEdit::returnPressed, this, &ReturnDialog::addNote);
    connect(m_addNote, &QPushButton::clicked, this, &ReturnDialog::addNote);
    connect(m_list, &QListWidget::currentRowChanged, this, &ReturnDialog::updateState);
    connect(m_removeNote, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row < 0)
            return;
        m_notes.removeAt(row);
        delete m_list->takeItem(row);
        updateState();
    });
    updateState();
    m_comment->setFocus();
}

QPushButton *ReturnDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString ReturnDialog::comment() const
{
    return m_comment->toPlainText().trimmed();
}

void ReturnDialog::addNote()
{
    const QString text = m_noteText->text().trimmed();
    if (text.isEmpty())
        return;
    const int i = m_anchor->currentIndex();
    m_notes << core::ReviewNote{m_anchor->itemData(i, kActionRole).toString(),
                                m_anchor->itemData(i, kPhotoRole).toString(), text};
    m_list->addItem(QStringLiteral("%1: %2").arg(m_anchor->currentText(), text));
    m_noteText->clear();
    updateState();
}

void ReturnDialog::updateState()
{
    okButton()->setEnabled(!comment().isEmpty());
    okButton()->setToolTip(
        comment().isEmpty() ? tr("Write the comment first: a report is returned only with one.") : QString());
    m_addNote->setEnabled(!m_noteText->text().trimmed().isEmpty());
    m_removeNote->setEnabled(m_list->currentRow() >= 0);
    m_list->setVisible(m_list->count() > 0);
    m_removeNote->setVisible(m_list->count() > 0);
}

void ReturnDialog::accept()
{
    if (comment().isEmpty())
        return;
    addNote(); // typed, not added: still a note
    QDialog::accept();
}

} // namespace mobiliza::ui
