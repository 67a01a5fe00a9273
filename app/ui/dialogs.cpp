#include "app/ui/dialogs.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>

namespace mobiliza::ui {

bool WidgetDialogs::confirm(QWidget *parent, const QString &title, const QString &text,
                            const QString &acceptText, Tone tone)
{
    QMessageBox box(tone == Tone::Destructive ? QMessageBox::Warning : QMessageBox::Question, title, text,
                    QMessageBox::NoButton, parent);
    QPushButton *accept = nullptr;
    QPushButton *cancel = nullptr;
    if (tone == Tone::Destructive) {
        accept = box.addButton(acceptText, QMessageBox::DestructiveRole);
        cancel = box.addButton(QMessageBox::Cancel);
    } else {
        accept = box.addButton(acceptText, QMessageBox::AcceptRole);
        cancel = box.addButton(QCoreApplication::translate("Dialogs", "Cancel"), QMessageBox::RejectRole);
    }
    box.setDefaultButton(cancel); // Enter does not erase by accident
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == accept;
}

void WidgetDialogs::warn(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::warning(parent, title, text);
}

void WidgetDialogs::inform(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::information(parent, title, text);
}

QString WidgetDialogs::startFolder(const QString &preferred)
{
    // A folder that does not exist (no "Pictures" on many installations) was shown by the
    // file dialog as a file name to open, in the home folder.
    return !preferred.isEmpty() && QFileInfo(preferred).isDir() ? preferred : QDir::homePath();
}

QStringList WidgetDialogs::openImageFiles(QWidget *parent, const QString &title)
{
    if (m_lastFolder.isEmpty())
        m_lastFolder = startFolder(QStandardPaths::writableLocation(QStandardPaths::PicturesLocation));
    const QString filter =
        QCoreApplication::translate("Dialogs", "Images (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff "
                                               "*.JPG *.JPEG *.PNG);;All files (*)");
    const QStringList files = QFileDialog::getOpenFileNames(parent, title, m_lastFolder, filter);
    if (!files.isEmpty())
        m_lastFolder = QFileInfo(files.constFirst()).absolutePath();
    return files;
}

QStringList WidgetDialogs::openFiles(QWidget *parent, const QString &title, const QString &filter)
{
    if (m_lastFilesFolder.isEmpty())
        m_lastFilesFolder = startFolder(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    const QStringList files = QFileDialog::getOpenFileNames(parent, title, m_lastFilesFolder, filter);
    if (!files.isEmpty())
        m_lastFilesFolder = QFileInfo(files.constFirst()).absolutePath();
    return files;
}

QString WidgetDialogs::saveFileName(QWidget *parent, const QString &title, const QString &suggestedPath,
                                    const QString &filter)
{
    QString suggested = suggestedPath;
    if (!suggested.isEmpty() && QFileInfo(suggested).fileName() == suggested) {
        if (m_lastSaveFolder.isEmpty())
            m_lastSaveFolder =
                startFolder(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
        suggested = QDir(m_lastSaveFolder).filePath(suggested);
    }
    const QString chosen = QFileDialog::getSaveFileName(parent, title, suggested, filter);
    if (!chosen.isEmpty())
        m_lastSaveFolder = QFileInfo(chosen).absolutePath();
    return chosen;
}

bool WidgetDialogs::openFile(QWidget *parent, const QString &path)
{
    if (QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        return true;
    warn(parent, QCoreApplication::translate("Dialogs", "Open file"),
         QCoreApplication::translate(
             "Dialogs", "No program on this computer opens %1. The file is saved; open it from its folder "
                        "with the program you use for this kind of file.")
             .arg(QDir::toNativeSeparators(path)));
    return false;
}

} // namespace mobiliza::ui
