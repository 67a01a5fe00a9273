#include "app/ui/editor/dialogs.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>

namespace mobiliza::ui {

bool WidgetDialogs::confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptText)
{
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    QPushButton *accept = box.addButton(acceptText, QMessageBox::AcceptRole);
    QPushButton *cancel = box.addButton(QCoreApplication::translate("Dialogs", "Cancel"), QMessageBox::RejectRole);
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == accept;
}

void WidgetDialogs::warn(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::warning(parent, title, text);
}

QStringList WidgetDialogs::openImageFiles(QWidget *parent, const QString &title)
{
    if (m_lastFolder.isEmpty())
        m_lastFolder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString filter =
        QCoreApplication::translate("Dialogs", "Images (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff "
                                               "*.JPG *.JPEG *.PNG);;All files (*)");
    const QStringList files = QFileDialog::getOpenFileNames(parent, title, m_lastFolder, filter);
    if (!files.isEmpty())
        m_lastFolder = QFileInfo(files.constFirst()).absolutePath();
    return files;
}

} // namespace mobiliza::ui
