// A tile of the Painel: a big figure, what it is, and how it changed against the
// previous period of the same length ("▲ 12 (+8 %)"). A click — or Enter or Space
// when it has the focus — asks for the list behind the figure (clicked()).
#pragma once

#include <QFrame>

class QLabel;

namespace mobiliza::ui {

class PanelTile : public QFrame
{
    Q_OBJECT

public:
    PanelTile(const QString &objectName, const QString &caption, QWidget *parent = nullptr);

    // A count: the figure and its change against `previous` (in the count and in %).
    void setCount(qint64 value, qint64 previous);
    // A share in [0, 1] (negative: nothing to measure, shown as "—"), its change in percentage points.
    void setRate(double value, double previous);
    // "x of N" and the change in x since `previousMonth` ("mar/26").
    void setOfTotal(int value, int total, int previous, const QString &previousMonth);
    // "x of N" and the change in x against the previous period of the same length.
    void setOfTotal(int value, int total, int previous);

    // A line under the change: `value` against the target of the range ("Meta do
    // período: 1.200 — 85 %"); hidden when target < 0 (none applies).
    void setTarget(qint64 value, double target);

    QString valueText() const;
    QString changeText() const;
    QString targetText() const; // empty when hidden

Q_SIGNALS:
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void setChange(const QString &text, int sign);
    void fitLabels();

    QLabel *m_value = nullptr;
    QLabel *m_caption = nullptr;
    QLabel *m_change = nullptr;
    QLabel *m_target = nullptr;
};

} // namespace mobiliza::ui
