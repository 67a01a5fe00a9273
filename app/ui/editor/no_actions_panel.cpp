#include "app/ui/editor/no_actions_panel.h"
#include "app/ui/style_sheet.h"

#include <QCheckBox>
#include <QFrame>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace mobiliza::ui {

NoActionsPanel::NoActionsPanel(int minJustificationLength, QWidget *parent)
    : QWidget(parent), m_min(minJustificationLength)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);

    auto *title = new QLabel(tr("This month has no action yet"), this);
    QFont tf = title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.3);
    tf.setBold(true);
    title->setFont(tf);
    layout->addWidget(title);
    auto *intro = new QLabel(tr("Record each mobilization action of the month with at least one photo. "
                                "Everything is saved as you type."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_add = new QPushButton(style()->standardIcon(QStyle::SP_FileIcon), tr("Add the first action (Ctrl+Shift+N)"),
                            this);
    m_add->setObjectName(QStringLiteral("addFirstAction"));
    layout->addWidget(m_add, 0, Qt::AlignLeft);

    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setStyleSheet(QStringLiteral("color: #cfd8e3;"));
    layout->addSpacing(8);
    layout->addWidget(line);

    m_box = new QCheckBox(tr("No actions this month"), this);
    m_box->setObjectName(QStringLiteral("noActions"));
    QFont bf = m_box->font();
    bf.setBold(true);
    m_box->setFont(bf);
    layout->addWidget(m_box);
    auto *why = new QLabel(tr("A month without actions is also reported, so the region knows it was not "
                              "forgotten. Mark it and explain why."),
                           this);
    why->setWordWrap(true);
    why->setStyleSheet(QStringLiteral("color: #5a6a7a;"));
    layout->addWidget(why);

    m_justificationBlock = new QWidget(this);
    auto *jl = new QVBoxLayout(m_justificationBlock);
    jl->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("Justification *"), m_justificationBlock);
    m_text = new QPlainTextEdit(m_justificationBlock);
    m_text->setTabChangesFocus(true);
    m_text->setMaximumHeight(110);
    m_text->setAccessibleName(tr("Justification for no actions this month"));
    label->setBuddy(m_text);
    m_count = new QLabel(m_justificationBlock);
    jl->addWidget(label);
    jl->addWidget(m_text);
    jl->addWidget(m_count);
    layout->addWidget(m_justificationBlock);
    layout->addStretch(1);

    connect(m_add, &QPushButton::clicked, this, &NoActionsPanel::addActionRequested);
    connect(m_box, &QCheckBox::toggled, this, [this](bool on) {
        m_justificationBlock->setEnabled(on);
        if (!m_setting)
            Q_EMIT edited(false);
    });
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        updateCount();
        if (!m_setting)
            Q_EMIT edited(true);
    });
    setState(false, {}, true);
}

void NoActionsPanel::setState(bool noActions, const QString &justification, bool editable)
{
    m_setting = true;
    m_box->setChecked(noActions);
    if (m_text->toPlainText() != justification)
        m_text->setPlainText(justification);
    m_setting = false;
    m_box->setEnabled(editable);
    m_text->setReadOnly(!editable);
    m_add->setVisible(editable);
    m_justificationBlock->setEnabled(noActions);
    updateCount();
}

bool NoActionsPanel::noActions() const
{
    return m_box->isChecked();
}

QString NoActionsPanel::justification() const
{
    return m_text->toPlainText();
}

void NoActionsPanel::focusJustification()
{
    if (m_box->isChecked())
        m_text->setFocus(Qt::OtherFocusReason);
    else
        m_box->setFocus(Qt::OtherFocusReason);
}

void NoActionsPanel::updateCount()
{
    const auto length = m_text->toPlainText().trimmed().size();
    m_count->setText(length >= m_min ? tr("%1 characters").arg(length)
                                     : tr("%1 characters — at least %2").arg(length).arg(m_min));
    setStyleIfChanged(m_count, length >= m_min ? QStringLiteral("color: #5a6a7a;")
                                               : QStringLiteral("color: #8a1c1c;"));
}

} // namespace mobiliza::ui
