#include "app/ui/panel/panel_tiles.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>

namespace mobiliza::ui {

PanelTile::PanelTile(const QString &objectName, const QString &caption, QWidget *parent) : QFrame(parent)
{
    setObjectName(objectName);
    // The focus frame says where Enter or Space goes (the keyboard reaches every list).
    setStyleSheet(QStringLiteral("#%1 { background: #eef4f9; border-radius: 6px; border: 2px solid transparent; }"
                                 "#%1:hover { background: #e2edf6; }"
                                 "#%1:focus { border: 2px solid #1f5f8b; }")
                      .arg(objectName));
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(tr("Click to see the list"));
    setAccessibleName(caption);
    setAccessibleDescription(toolTip());
    auto *l = new QVBoxLayout(this);
    l->setContentsMargins(10, 6, 10, 6);
    l->setSpacing(0);
    m_value = new QLabel(this);
    m_value->setObjectName(objectName + QStringLiteral("Value"));
    QFont f = m_value->font();
    f.setPointSizeF(f.pointSizeF() * 1.9);
    f.setBold(true);
    m_value->setFont(f);
    m_value->setStyleSheet(QStringLiteral("color: #1f5f8b;"));
    m_caption = new QLabel(caption, this);
    m_caption->setWordWrap(true);
    m_change = new QLabel(this);
    m_change->setObjectName(objectName + QStringLiteral("Change"));
    m_change->setWordWrap(true);
    m_caption->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_change->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_change->setStyleSheet(QStringLiteral("color: #4a5a68;"));
    m_target = new QLabel(this);
    m_target->setObjectName(objectName + QStringLiteral("Target"));
    m_target->setWordWrap(true);
    // The tile's own words colour (in red, "240 % reached" read as an alarm).
    m_target->setStyleSheet(QStringLiteral("color: #1f5f8b;"));
    m_target->hide();
    l->addWidget(m_value);
    l->addWidget(m_caption);
    l->addWidget(m_change);
    l->addWidget(m_target);
    l->addStretch(1); // a row of tiles keeps its figures on one line
}

void PanelTile::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    fitLabels();
}

void PanelTile::fitLabels()
{
    // Word-wrapped labels are given one line in a scroll area that fits its widget (Qt 6.4
    // asks no height for a width there): each asks for the lines its text needs at the
    // tile's width — at least two for the caption and the change, so a row of tiles lines up.
    const QMargins margins = layout()->contentsMargins();
    const int width = contentsRect().width() - margins.left() - margins.right();
    if (width <= 0)
        return;
    const int twoLines = fontMetrics().lineSpacing() * 2 + 2;
    for (QLabel *label : {m_caption, m_change, m_target}) {
        const int lines = label == m_target ? 0 : twoLines;
        const int needed = std::max(lines, label->text().isEmpty() ? 0 : label->heightForWidth(width));
        if (label->minimumHeight() != needed)
            label->setMinimumHeight(needed);
    }
}

void PanelTile::mouseReleaseEvent(QMouseEvent *event)
{
    QFrame::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        Q_EMIT clicked();
}

void PanelTile::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        Q_EMIT clicked();
        return;
    default:
        QFrame::keyPressEvent(event);
    }
}

QString PanelTile::valueText() const
{
    return m_value->text();
}

QString PanelTile::changeText() const
{
    return m_change->text();
}

QString PanelTile::targetText() const
{
    return m_target->isHidden() ? QString() : m_target->text();
}

void PanelTile::setTarget(qint64 value, double target)
{
    if (target < 0) {
        m_target->hide();
        m_target->clear();
        return;
    }
    const QLocale locale;
    const qint64 rounded = qint64(std::llround(target));
    m_target->setText(rounded > 0 ? tr("Target for the period: %1 — %2 % reached")
                                        .arg(locale.toString(rounded),
                                             locale.toString(100.0 * double(value) / double(rounded), 'f', 0))
                                  : tr("Target for the period: %1").arg(locale.toString(rounded)));
    m_target->setToolTip(tr("The yearly action target set by the central level, in proportion to the months "
                            "shown."));
    m_target->show();
    fitLabels();
}

void PanelTile::setChange(const QString &text, int sign)
{
    // Up is not always good (a late rate…): the arrow says the direction, the colour stays neutral.
    const QString arrow = sign > 0   ? QStringLiteral("▲ ")
                          : sign < 0 ? QStringLiteral("▼ ")
                                     : QStringLiteral("= ");
    m_change->setText(arrow + text); // (its style is set once: setting it again lays the window out)
    m_change->setToolTip(tr("Compared with the previous period of the same length."));
    fitLabels();
}

void PanelTile::setCount(qint64 value, qint64 previous)
{
    const QLocale locale;
    m_value->setText(locale.toString(value));
    const qint64 delta = value - previous;
    QString text = tr("%1 against the previous period").arg(locale.toString(std::llabs(delta)));
    if (previous > 0 && delta != 0)
        text = tr("%1 (%2 %) against the previous period")
                   .arg(locale.toString(std::llabs(delta)),
                        locale.toString(std::abs(100.0 * double(delta) / double(previous)), 'f', 0));
    setChange(text, delta > 0 ? 1 : delta < 0 ? -1 : 0);
}

void PanelTile::setRate(double value, double previous)
{
    const QLocale locale;
    m_value->setText(value < 0 ? QStringLiteral("—")
                               : locale.toString(value * 100.0, 'f', 0) + QStringLiteral(" %"));
    if (value < 0 || previous < 0) {
        setChange(tr("nothing to compare with"), 0);
        return;
    }
    const double points = std::round((value - previous) * 100.0);
    setChange(tr("%1 p.p. against the previous period").arg(locale.toString(std::abs(points), 'f', 0)),
              points > 0   ? 1
              : points < 0 ? -1
                           : 0);
}

void PanelTile::setOfTotal(int value, int total, int previous)
{
    const QLocale locale;
    m_value->setText(tr("%1 of %2").arg(locale.toString(value), locale.toString(total)));
    const int delta = value - previous;
    setChange(tr("%1 against the previous period").arg(locale.toString(std::abs(delta))), delta > 0   ? 1
                                                                                          : delta < 0 ? -1
                                                                                                      : 0);
}

void PanelTile::setOfTotal(int value, int total, int previous, const QString &previousMonth)
{
    const QLocale locale;
    m_value->setText(tr("%1 of %2").arg(locale.toString(value), locale.toString(total)));
    const int delta = value - previous;
    setChange(tr("%1 against %2").arg(locale.toString(std::abs(delta)), previousMonth), delta > 0   ? 1
                                                                                        : delta < 0 ? -1
                                                                                                    : 0);
}

} // namespace mobiliza::ui
