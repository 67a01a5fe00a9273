#include "app/ui/partners/partner_prompts.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>

namespace mobiliza::ui {

bool QtPartnerPrompts::confirm(QWidget *parent, const QString &title, const QString &text,
                               const QString &acceptLabel)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::NoButton, parent);
    QPushButton *accept = box.addButton(acceptLabel, QMessageBox::DestructiveRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel); // Enter does not erase by accident
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == accept;
}

QString QtPartnerPrompts::saveFileName(QWidget *parent, const QString &title, const QString &suggestedPath,
                                       const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, title, suggestedPath, filter);
}

void QtPartnerPrompts::inform(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::information(parent, title, text);
}

void QtPartnerPrompts::warn(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::warning(parent, title, text);
}

} // namespace mobiliza::ui
